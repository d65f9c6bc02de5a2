/** Pure helpers for the scorecard screens (no score is computed here; only ordering and bar widths). */

/** Indicators that lost points, most points lost first (then by code). */
export function pointsLost<T extends { code: string; lost_points: string }>(indicators: readonly T[]): T[] {
  return indicators
    .filter((i) => Number(i.lost_points) > 0)
    .sort((a, b) => Number(b.lost_points) - Number(a.lost_points) || a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/** Bar widths (0–100, % of the largest count) for a distribution chart; all zero when empty. */
export function barWidths(counts: readonly number[]): number[] {
  const max = Math.max(0, ...counts);
  return counts.map((c) => (max > 0 ? Math.round((c / max) * 1000) / 10 : 0));
}

/** Percentage string from the API → number, or null when missing/not a number. */
export function percentValue(value: string | null | undefined): number | null {
  if (value == null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Today as YYYY-MM-DD in the user's time zone (default for signing and decision dates). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The movement's school years preceded by `earlier` years before it ("2025-2026" → "2022-2023",
 * "2023-2024", "2024-2025", "2025-2026", …): awards held before the movement count for rules such as
 * "two consecutive years".
 */
export function yearsWithEarlier(years: readonly string[], earlier = 3): string[] {
  const first = /^(\d{4})-(\d{4})$/.exec(years[0] ?? '');
  if (!first) return [...years];
  const start = Number(first[1]);
  const before = Array.from({ length: earlier }, (_, i) => start - earlier + i).map((y) => `${y}-${y + 1}`);
  return [...before.filter((y) => !years.includes(y)), ...years];
}

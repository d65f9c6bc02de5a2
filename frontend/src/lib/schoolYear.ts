/** School year of a date (September–August): "2025-10-15" → "2025-2026"; null for an invalid date. */
export function schoolYearOf(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const start = month >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** "2025-2026" moved by n school years ("2026-2027" for n = 1). */
export function shiftYear(year: string, n: number): string {
  const start = Number(year.slice(0, 4));
  if (!/^\d{4}-\d{4}$/.test(year) || !Number.isFinite(start)) return year;
  return `${start + n}-${start + n + 1}`;
}

/** Display helpers of the public pages. */

/** Dates are written the one way the app writes them (d/m/yyyy): the shared formatter. */
export { formatDate } from '../../lib/format';

/** "85.50" → "85,5 %" in Vietnamese, "85.5 %" in English; "" for nothing. */
export function formatPercent(value: string | number | null | undefined, lang: string): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  const text = String(Math.round(n * 100) / 100);
  return `${lang.startsWith('vi') ? text.replace('.', ',') : text} %`;
}

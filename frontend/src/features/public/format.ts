/** Display helpers of the public pages. */

/** "2026-05-20" → "20/05/2026" (the Vietnamese way of writing a date); anything else is left as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "85.50" → "85,5 %" in Vietnamese, "85.5 %" in English; "" for nothing. */
export function formatPercent(value: string | number | null | undefined, lang: string): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  const text = String(Math.round(n * 100) / 100);
  return `${lang.startsWith('vi') ? text.replace('.', ',') : text} %`;
}

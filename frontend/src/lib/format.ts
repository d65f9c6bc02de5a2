/**
 * The one way the app writes dates and numbers (issue 18.4): dates d/m/yyyy, times HH:mm, decimals
 * and thousands as the interface language writes them ("41,4" and "1.250" in Vietnamese).
 * Documents ("ngày … tháng … năm …") are written by the server.
 */
import i18n from 'i18next';

function numberLocale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'vi-VN';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-10" (or an ISO date-time, read in local time) → "10/3/2026"; anything else as it is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${Number(m[3])}/${Number(m[2])}/${m[1]}`;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;
}

/** An ISO date-time → "10/3/2026 14:05" in local time; a bare date → "10/3/2026". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${formatDate(value)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "80.00" → "80", "41.40" → "41,4" (Vietnamese) / "41.4" (English), 1250 → "1.250"; up to `digits` decimals. */
export function formatNumber(value: string | number | null | undefined, digits = 2): string {
  if (value == null || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(numberLocale(), { maximumFractionDigits: digits }).format(n);
}

/** "85.50" → "85,5 %"; "" for nothing. */
export function formatPercent(value: string | number | null | undefined, digits = 2): string {
  const text = formatNumber(value, digits);
  return text === '' ? '' : `${text} %`;
}

/**
 * Expiry of an API key: the administrator picks a day, the key works until the end of that day in
 * Việt Nam (Asia/Ho_Chi_Minh, UTC+7 all year: no daylight saving), and the server gets an ISO 8601
 * date-time with its offset, e.g. "2027-01-31T23:59:59+07:00".
 */

export const VIETNAM_OFFSET = '+07:00';
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** Whether `date` is a real calendar day written YYYY-MM-DD. */
export function isIsoDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** "2027-01-31" → "2027-01-31T23:59:59+07:00"; an empty input → null (no expiry); a bad date → undefined. */
export function expiryFromDate(date: string): string | null | undefined {
  const d = date.trim();
  if (d === '') return null;
  if (!isIsoDate(d)) return undefined;
  return `${d}T23:59:59${VIETNAM_OFFSET}`;
}

/** Today's date (YYYY-MM-DD) in Việt Nam, whatever the browser's time zone. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a picked day is already over in Việt Nam (today is still allowed: the key lasts until 23:59:59). */
export function isPastDay(date: string, now: Date = new Date()): boolean {
  return isIsoDate(date) && date < todayInVietnam(now);
}

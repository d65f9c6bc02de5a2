/**
 * Pure helpers of the initiative form: authors with their share (%), whose shares must total 100.
 * Shares are handled in hundredths of a percent (integers) so that 33.33 + 33.33 + 33.34 is exactly 100.
 */
import type { ProblemDetails } from '../../api/problem';
import type { AuthorIn, AuthorOut } from './types';

/** One author row as typed: `staff` is a <select> value ("" when not chosen), `share` the typed text. */
export interface AuthorRow {
  staff: string;
  share: string;
}

export const FULL_SHARE = 10000; // 100 % in hundredths

/**
 * The typed share in hundredths of a percent: "50" → 5000, "33,33" (Vietnamese comma) → 3333.
 * null when it is not a number above 0 and at most 100 with at most two decimals.
 */
export function parseShare(text: string): number | null {
  const t = text.trim().replace(/\s+/g, '').replace(',', '.');
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  if (hundredths <= 0 || hundredths > FULL_SHARE) return null;
  return hundredths;
}

/** Sum of the valid shares in hundredths (rows with an invalid or empty share count as 0). */
export function shareTotal(rows: readonly AuthorRow[]): number {
  return rows.reduce((sum, r) => sum + (parseShare(r.share) ?? 0), 0);
}

/** Hundredths → "100", "33.33", "12.5" (the form of the API's decimal strings, without trailing zeros). */
export function formatHundredths(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(Math.round(hundredths));
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** Shares for n authors that total exactly 100: the remainder goes to the first authors (33.34, 33.33, 33.33). */
export function evenShares(n: number): string[] {
  if (n <= 0) return [];
  const base = Math.floor(FULL_SHARE / n);
  const rest = FULL_SHARE - base * n;
  return Array.from({ length: n }, (_, i) => formatHundredths(base + (i < rest ? 1 : 0)));
}

/** The rows of an existing initiative ("50.00" → "50"). */
export function fromAuthors(authors: readonly AuthorOut[]): AuthorRow[] {
  return authors.map((a) => {
    const h = parseShare(a.share_percent);
    return { staff: String(a.staff_id), share: h === null ? a.share_percent : formatHundredths(h) };
  });
}

/** Problems found before sending, by row: a person to choose, a share that is not a number in (0, 100]. */
export type RowProblem = 'staff' | 'share' | 'duplicate';

export function rowProblems(rows: readonly AuthorRow[]): Map<number, RowProblem[]> {
  const out = new Map<number, RowProblem[]>();
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const problems: RowProblem[] = [];
    if (r.staff === '') problems.push('staff');
    else if (seen.has(r.staff)) problems.push('duplicate');
    if (parseShare(r.share) === null) problems.push('share');
    if (r.staff !== '') seen.add(r.staff);
    if (problems.length) out.set(i, problems);
  });
  return out;
}

/** The `authors` sent to the API, in row order (first author first); the share as a decimal string. */
export function authorsPayload(rows: readonly AuthorRow[]): AuthorIn[] {
  return rows.map((r) => ({ staff_id: Number(r.staff), share_percent: formatHundredths(parseShare(r.share) ?? 0) }));
}

/**
 * Server errors about the authors: "body.authors" (e.g. the total is not 100) → `list`,
 * "body.authors.2.staff_id" / "body.authors.2.share_percent" / "body.authors.2" → `rows[2]`.
 */
export function authorErrors(problem: ProblemDetails | null | undefined): { list?: string; rows: Record<number, string> } {
  let list: string | undefined;
  const rows: Record<number, string> = {};
  for (const err of problem?.errors ?? []) {
    const m = /^body\.authors(?:\.(\d+)(?:\..*)?)?$/.exec(err.path);
    if (!m) continue;
    if (m[1] === undefined) list = list ? `${list} ${err.message}` : err.message;
    else {
      const n = Number(m[1]);
      rows[n] = rows[n] ? `${rows[n]} ${err.message}` : err.message;
    }
  }
  return { list, rows };
}

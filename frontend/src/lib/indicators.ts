/**
 * Pure helpers for indicator values and for mapping the server's error paths to indicators.
 * Scores are never computed here: the server's answer is the only score shown.
 */
import type { FieldProblem, ProblemDetails } from '../api/problem';

export type Kind = 'boolean' | 'percent' | 'count' | 'level' | 'computed';

export type ParseResult =
  | { ok: true; value: string | null }
  /** `error` is an i18n key */
  | { ok: false; error: string };

/** "85,5" → "85.5" (Vietnamese decimal comma), trimmed. */
function normaliseNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, '').replace(',', '.');
}

/**
 * Parses what the user typed/chose for an indicator into the value sent to the API
 * (a decimal string, or null for "no answer"). `levels` are the declared level values.
 */
export function parseIndicatorInput(kind: Kind, raw: string, levels: readonly number[] = []): ParseResult {
  const text = normaliseNumber(raw);
  if (text === '') return { ok: true, value: null };
  switch (kind) {
    case 'computed':
      return { ok: false, error: 'indicator.errors.computed' };
    case 'boolean':
      if (text === '1' || text === '0') return { ok: true, value: text };
      return { ok: false, error: 'indicator.errors.boolean' };
    case 'percent': {
      if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, error: 'indicator.errors.number' };
      const n = Number(text);
      if (n < 0 || n > 100) return { ok: false, error: 'indicator.errors.percent' };
      return { ok: true, value: text };
    }
    case 'count':
      if (!/^\d+$/.test(text)) return { ok: false, error: 'indicator.errors.count' };
      return { ok: true, value: String(Number(text)) };
    case 'level': {
      if (!/^\d+$/.test(text)) return { ok: false, error: 'indicator.errors.level' };
      const n = Number(text);
      if (levels.length > 0 && !levels.includes(n)) return { ok: false, error: 'indicator.errors.level' };
      return { ok: true, value: String(n) };
    }
  }
}

/** The API's decimal string ("80.00", "1.00") → what the input shows ("80", "1"). */
export function valueToInput(value: string | null | undefined): string {
  if (value == null || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return String(n);
}

/** "80.00" → "80", "8.60" → "8,6" (Vietnamese decimals; issue 18.4): the one number formatter. */
export { formatNumber } from './format';

/** Field of an indicator an error belongs to (value, evidence, note, verified_value, comment, reason, …). */
export type EntryErrors = Record<string, Record<string, string>>;

function add(out: EntryErrors, code: string, field: string, message: string) {
  const byField = (out[code] ??= {});
  byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
}

/**
 * Maps problem errors to indicators:
 * - "body.entries.3.value" → the indicator at index 3 of the entries that were sent (`sentCodes`);
 * - "entries.TC2.1.evidence" (submit) → indicator "TC2.1", field "evidence"
 *   (indicator codes contain dots: the code is everything between "entries." and the last part).
 * Errors that cannot be placed are returned in `rest`.
 */
export function mapEntryErrors(
  problem: ProblemDetails | null | undefined,
  sentCodes: readonly string[] = [],
): { byIndicator: EntryErrors; rest: FieldProblem[] } {
  const byIndicator: EntryErrors = {};
  const rest: FieldProblem[] = [];
  for (const err of problem?.errors ?? []) {
    const parts = err.path.split('.');
    const start = parts[0] === 'body' ? 1 : 0;
    if (parts[start] !== 'entries' || parts.length - start < 3) {
      rest.push(err);
      continue;
    }
    const middle = parts.slice(start + 1, -1);
    const field = parts[parts.length - 1]!;
    let code: string | undefined;
    if (start === 1 && middle.length === 1 && /^\d+$/.test(middle[0]!)) code = sentCodes[Number(middle[0])];
    else code = middle.join('.');
    if (code) add(byIndicator, code, field, err.message);
    else rest.push(err);
  }
  return { byIndicator, rest };
}

/**
 * Field errors of a nested document: "body.criteria.0.indicators.2.target" → "criteria.0.indicators.2.target".
 * Errors outside the body are left out.
 */
export function documentErrors(problem: ProblemDetails | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const err of problem?.errors ?? []) {
    const parts = err.path.split('.');
    if (parts[0] !== 'body' || parts.length < 2) continue;
    const key = parts.slice(1).join('.');
    out[key] = out[key] ? `${out[key]} ${err.message}` : err.message;
  }
  return out;
}

/** Heatmap palette, lowest band first; every pair has a contrast ratio of at least 4.5:1. */
export const HEAT_PALETTE = [
  { background: '#991b1b', color: '#ffffff' }, // < 25 %
  { background: '#c2410c', color: '#ffffff' }, // 25–49 %
  { background: '#fde68a', color: '#1f2937' }, // 50–69 %
  { background: '#86efac', color: '#1f2937' }, // 70–89 %
  { background: '#166534', color: '#ffffff' }, // ≥ 90 %
] as const;
const NO_DATA = { background: '#e5e7eb', color: '#374151' } as const;

/** Colour of a completion percentage for the heatmap (red → green); null (no data) is grey. */
export function heatColour(percent: number | null | undefined): { background: string; color: string } {
  const band = heatBand(percent);
  return band < 0 ? NO_DATA : HEAT_PALETTE[band]!;
}

/** Band index (0–4) of a percentage, used for the heatmap legend and a class name. */
export function heatBand(percent: number | null | undefined): number {
  if (percent == null || !Number.isFinite(percent)) return -1;
  if (percent >= 90) return 4;
  if (percent >= 70) return 3;
  if (percent >= 50) return 2;
  if (percent >= 25) return 1;
  return 0;
}

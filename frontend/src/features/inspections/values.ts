/** Pure helpers of "Ghi kết quả kiểm tra": the values payload and where the server's errors belong. */
import type { ProblemDetails } from '../../api/problem';
import type { VerifiedValueIn } from '../../api/types';
import { parseIndicatorInput, type Kind } from '../../lib/indicators';

export interface ValueRow {
  code: string;
  kind: Kind;
  /** declared level values (level indicators) */
  levels: readonly number[];
  /** what was typed/chosen for the verified value */
  raw: string;
  comment: string;
}

export type BuildResult =
  | { ok: true; values: VerifiedValueIn[]; codes: string[] }
  /** i18n keys of the errors, by indicator code */
  | { ok: false; errors: Record<string, string> };

/**
 * The `values` of POST /inspections/{id}/values: only indicators with a value (computed ones never),
 * each checked for its kind; a comment without a value is an error (it would be lost).
 * `codes[n]` is the indicator sent at index n (to place "body.values.n.value" errors).
 */
export function buildValuesPayload(rows: readonly ValueRow[]): BuildResult {
  const values: VerifiedValueIn[] = [];
  const errors: Record<string, string> = {};
  for (const row of rows) {
    if (row.kind === 'computed') continue;
    const parsed = parseIndicatorInput(row.kind, row.raw, row.levels);
    if (!parsed.ok) {
      errors[row.code] = parsed.error;
      continue;
    }
    const comment = row.comment.trim();
    if (parsed.value === null) {
      if (comment) errors[row.code] = 'inspections.errors.commentWithoutValue';
      continue;
    }
    values.push({ indicator_code: row.code, value: parsed.value, comment: comment || null });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, values, codes: values.map((v) => v.indicator_code) };
}

/**
 * Errors of a POST …/values answer: "body.values.3.value" → the indicator sent at index 3;
 * everything else (body.unit_id, …) is returned in `general`.
 */
export function valueErrors(
  problem: ProblemDetails | null | undefined,
  sentCodes: readonly string[],
): { byIndicator: Record<string, string>; general: Record<string, string> } {
  const byIndicator: Record<string, string> = {};
  const general: Record<string, string> = {};
  const add = (out: Record<string, string>, key: string, message: string) => {
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  };
  for (const err of problem?.errors ?? []) {
    const m = /^body\.values\.(\d+)\.(\w+)$/.exec(err.path);
    const code = m ? sentCodes[Number(m[1])] : undefined;
    if (code) add(byIndicator, code, err.message);
    else add(general, err.path.replace(/^body\./, ''), err.message);
  }
  return { byIndicator, general };
}

/** Latest recorded value per indicator of one unit (the server lists them; later ones win). */
export function recordedByIndicator<T extends { unit_id: number; indicator_code: string; recorded_at: string }>(
  values: readonly T[],
  unitId: number,
): Map<string, T> {
  const out = new Map<string, T>();
  for (const v of values) {
    if (v.unit_id !== unitId) continue;
    const prev = out.get(v.indicator_code);
    if (!prev || prev.recorded_at <= v.recorded_at) out.set(v.indicator_code, v);
  }
  return out;
}

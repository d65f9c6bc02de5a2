/** Trimmed text, or null when empty (for optional fields). */
export function optional(value: string): string | null {
  const v = value.trim();
  return v === '' ? null : v;
}

/** Number from a <select>/<input> value, or null when empty. */
export function optionalId(value: string): number | null {
  if (value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Only the keys whose value differs from `before` (for partial PATCH bodies). */
export function changed<T extends Record<string, unknown>>(before: { [K in keyof T]?: unknown }, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) out[key] = after[key];
  }
  return out;
}

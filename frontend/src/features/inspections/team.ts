/** Pure helpers of the inspection team picker. */

/** "12, 15 7" → [12, 15, 7]; null when something is not a positive whole number. Duplicates are dropped. */
export function parseUserIds(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p) || Number(p) <= 0) return null;
    if (!out.includes(Number(p))) out.push(Number(p));
  }
  return out;
}

/** Ticked ids followed by typed ids not already ticked. */
export function mergeIds(ticked: readonly number[], typed: readonly number[]): number[] {
  const out = [...ticked];
  for (const id of typed) if (!out.includes(id)) out.push(id);
  return out;
}

/** Known people (users of the inspector role, or members of earlier inspections), one per id, by name. */
export function knownInspectors<T extends { user_id: number; full_name: string }>(lists: readonly (readonly T[])[]): T[] {
  const byId = new Map<number, T>();
  for (const list of lists) for (const p of list) if (!byId.has(p.user_id)) byId.set(p.user_id, p);
  return [...byId.values()].sort((a, b) => a.full_name.localeCompare(b.full_name, 'vi'));
}

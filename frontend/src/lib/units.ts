/** The unit and every unit below it (e.g. a school and its subject groups), root first. */
export function descendantUnitIds(units: readonly { id: number; parent_id: number | null }[], rootId: number): number[] {
  const out = [rootId];
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    for (const u of units)
      if (u.parent_id === out[i] && !seen.has(u.id)) {
        seen.add(u.id);
        out.push(u.id);
      }
  }
  return out;
}

/** Users bound to one unit (school manager, staff) always record for their own unit. */
export function isUnitBound(roles: readonly string[]): boolean {
  return roles.includes('unit_manager') || roles.includes('staff');
}

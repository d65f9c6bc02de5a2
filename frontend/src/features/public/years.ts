/** School years offered by the public filters (no sign-in, so no movement to read them from). */

/** "2025-2026" … for the movement's years (2025–2030), plus any year a round names; newest first. */
export function schoolYearOptions(roundYears: readonly (string | null | undefined)[], first = 2025, last = 2030): string[] {
  const years = new Set<string>();
  for (let y = first; y < last; y++) years.add(`${y}-${y + 1}`);
  for (const y of roundYears) if (y && /^\d{4}-\d{4}$/.test(y)) years.add(y);
  return [...years].sort().reverse();
}

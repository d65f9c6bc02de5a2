/**
 * Scopes of an API key ("<family>:<level>", e.g. "staff:import") shown as a grid of families × levels.
 * The catalogue (GET /api-keys/scopes) decides which families, levels and cells exist.
 */

export interface ScopeCatalogueLike {
  families: readonly string[];
  levels: readonly string[];
  scopes: readonly string[];
}

/** family → level → ticked; only the cells the catalogue offers are present. */
export type ScopeGrid = Record<string, Record<string, boolean>>;

export function scopeOf(family: string, level: string): string {
  return `${family}:${level}`;
}

/** "staff:read" → { family: "staff", level: "read" }; null for anything else. */
export function parseScope(scope: string): { family: string; level: string } | null {
  const m = /^([a-z_]+):([a-z_]+)$/.exec(scope.trim());
  return m ? { family: m[1]!, level: m[2]! } : null;
}

/** Whether the catalogue offers this family × level cell. */
export function offers(catalogue: ScopeCatalogueLike, family: string, level: string): boolean {
  return catalogue.scopes.includes(scopeOf(family, level));
}

/** A grid with the catalogue's cells, ticked where `selected` names them (unknown scopes are dropped). */
export function gridFromScopes(catalogue: ScopeCatalogueLike, selected: readonly string[] = []): ScopeGrid {
  const grid: ScopeGrid = {};
  for (const family of catalogue.families) {
    const row: Record<string, boolean> = {};
    for (const level of catalogue.levels) {
      if (offers(catalogue, family, level)) row[level] = selected.includes(scopeOf(family, level));
    }
    grid[family] = row;
  }
  return grid;
}

/** The ticked scopes, in the catalogue's order (families, then levels), without duplicates. */
export function scopesFromGrid(catalogue: ScopeCatalogueLike, grid: ScopeGrid): string[] {
  const out: string[] = [];
  for (const family of catalogue.families)
    for (const level of catalogue.levels)
      if (grid[family]?.[level] === true && offers(catalogue, family, level)) out.push(scopeOf(family, level));
  return out;
}

/** A new grid with one cell set (cells the grid does not have are left out). */
export function setScope(grid: ScopeGrid, family: string, level: string, on: boolean): ScopeGrid {
  const row = grid[family];
  if (!row || !(level in row)) return grid;
  return { ...grid, [family]: { ...row, [level]: on } };
}

/** A new grid with every offered cell of one level (a column) set. */
export function setLevel(grid: ScopeGrid, level: string, on: boolean): ScopeGrid {
  const out: ScopeGrid = {};
  for (const [family, row] of Object.entries(grid)) out[family] = level in row ? { ...row, [level]: on } : row;
  return out;
}

/** Whether every offered cell of a level is ticked (false when the level has no cells). */
export function levelFull(grid: ScopeGrid, level: string): boolean {
  const cells = Object.values(grid).filter((row) => level in row);
  return cells.length > 0 && cells.every((row) => row[level] === true);
}

/**
 * Scopes grouped by family for display ("staff: read, import"), families and levels in the order of
 * `families` / `levels` when given (others after them, as they come); malformed scopes are kept as
 * their own group with no levels.
 */
export function groupScopes(
  scopes: readonly string[],
  families: readonly string[] = [],
  levels: readonly string[] = [],
): { family: string; levels: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const scope of scopes) {
    const parsed = parseScope(scope);
    const family = parsed?.family ?? scope;
    const list = groups.get(family) ?? [];
    if (parsed && !list.includes(parsed.level)) list.push(parsed.level);
    groups.set(family, list);
  }
  const rank = (order: readonly string[], x: string) => {
    const i = order.indexOf(x);
    return i < 0 ? order.length : i;
  };
  return [...groups.entries()]
    .map(([family, ls], i) => ({ family, levels: ls, i }))
    .sort((a, b) => rank(families, a.family) - rank(families, b.family) || a.i - b.i)
    .map(({ family, levels: ls }) => ({
      family,
      levels: ls
        .map((l, i) => ({ l, i }))
        .sort((a, b) => rank(levels, a.l) - rank(levels, b.l) || a.i - b.i)
        .map(({ l }) => l),
    }));
}

import { describe, expect, it } from 'vitest';
import { groupScopes, gridFromScopes, levelFull, parseScope, scopesFromGrid, setLevel, setScope } from './scopes';

const catalogue = {
  families: ['units', 'staff', 'awards'],
  levels: ['read', 'write', 'import'],
  // awards:import is not offered
  scopes: ['awards:read', 'awards:write', 'staff:import', 'staff:read', 'staff:write', 'units:import', 'units:read', 'units:write'],
};

describe('parseScope', () => {
  it('splits family and level', () => {
    expect(parseScope('staff:read')).toEqual({ family: 'staff', level: 'read' });
    expect(parseScope(' units:import ')).toEqual({ family: 'units', level: 'import' });
  });
  it('rejects anything else', () => {
    for (const s of ['', 'staff', 'staff:', ':read', 'staff:read:x', '*:read']) expect(parseScope(s), s).toBeNull();
  });
});

describe('gridFromScopes / scopesFromGrid', () => {
  it('builds an empty grid with only the offered cells', () => {
    const grid = gridFromScopes(catalogue);
    expect(grid).toEqual({
      units: { read: false, write: false, import: false },
      staff: { read: false, write: false, import: false },
      awards: { read: false, write: false },
    });
    expect(scopesFromGrid(catalogue, grid)).toEqual([]);
  });

  it('ticks the selected scopes and drops unknown ones', () => {
    const grid = gridFromScopes(catalogue, ['staff:import', 'awards:import', 'payroll:read', 'units:read']);
    expect(grid.staff).toEqual({ read: false, write: false, import: true });
    expect(grid.awards).toEqual({ read: false, write: false });
    expect(scopesFromGrid(catalogue, grid)).toEqual(['units:read', 'staff:import']);
  });

  it('round-trips in catalogue order, families first then levels', () => {
    const selected = ['awards:write', 'staff:import', 'staff:read', 'units:write'];
    expect(scopesFromGrid(catalogue, gridFromScopes(catalogue, selected))).toEqual([
      'units:write',
      'staff:read',
      'staff:import',
      'awards:write',
    ]);
  });

  it('ignores cells the catalogue does not offer even if ticked', () => {
    const grid = { ...gridFromScopes(catalogue), awards: { read: true, import: true }, payroll: { read: true } };
    expect(scopesFromGrid(catalogue, grid)).toEqual(['awards:read']);
  });
});

describe('setScope / setLevel / levelFull', () => {
  it('sets one cell without touching the old grid', () => {
    const before = gridFromScopes(catalogue);
    const after = setScope(before, 'staff', 'write', true);
    expect(after.staff?.write).toBe(true);
    expect(before.staff?.write).toBe(false);
    expect(scopesFromGrid(catalogue, setScope(after, 'staff', 'write', false))).toEqual([]);
  });

  it('leaves the grid alone for a cell it does not have', () => {
    const grid = gridFromScopes(catalogue);
    expect(setScope(grid, 'awards', 'import', true)).toBe(grid);
    expect(setScope(grid, 'payroll', 'read', true)).toBe(grid);
  });

  it('sets a whole column of offered cells', () => {
    let grid = setLevel(gridFromScopes(catalogue), 'import', true);
    expect(scopesFromGrid(catalogue, grid)).toEqual(['units:import', 'staff:import']);
    expect(levelFull(grid, 'import')).toBe(true);
    expect(levelFull(grid, 'read')).toBe(false);
    grid = setScope(grid, 'units', 'import', false);
    expect(levelFull(grid, 'import')).toBe(false);
    expect(levelFull(grid, 'delete')).toBe(false);
  });
});

describe('groupScopes', () => {
  it('groups by family in catalogue order', () => {
    expect(groupScopes(['staff:import', 'units:read', 'staff:read'], catalogue.families, catalogue.levels)).toEqual([
      { family: 'units', levels: ['read'] },
      { family: 'staff', levels: ['read', 'import'] },
    ]);
  });

  it('keeps unknown families after the known ones and malformed scopes as they are', () => {
    expect(groupScopes(['zeta:read', 'odd', 'units:write', 'units:write'], catalogue.families, catalogue.levels)).toEqual([
      { family: 'units', levels: ['write'] },
      { family: 'zeta', levels: ['read'] },
      { family: 'odd', levels: [] },
    ]);
  });

  it('keeps the given order without a catalogue', () => {
    expect(groupScopes(['b:write', 'a:read', 'b:read'])).toEqual([
      { family: 'b', levels: ['write', 'read'] },
      { family: 'a', levels: ['read'] },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { descendantUnitIds } from './units';

describe('descendantUnitIds', () => {
  it('finds a school and its subject groups, not its siblings', () => {
    const units = [
      { id: 1, parent_id: null },
      { id: 2, parent_id: 1 },
      { id: 3, parent_id: 2 },
      { id: 4, parent_id: 2 },
      { id: 5, parent_id: 1 },
      { id: 6, parent_id: 5 },
    ];
    expect(descendantUnitIds(units, 2)).toEqual([2, 3, 4]);
    expect(descendantUnitIds(units, 6)).toEqual([6]);
  });
  it('stops on a cycle', () => {
    expect(descendantUnitIds([{ id: 1, parent_id: 2 }, { id: 2, parent_id: 1 }], 1)).toEqual([1, 2]);
  });
});

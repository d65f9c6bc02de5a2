import { describe, expect, it } from 'vitest';
import { chosenId, planCounts } from './communePlans';

describe('chosenId', () => {
  const communes = [{ id: 4 }, { id: 9 }];

  it('keeps the chosen option while it is offered', () => {
    expect(chosenId('9', communes)).toBe(9);
  });

  it('falls back to the first option when nothing or something gone is chosen', () => {
    expect(chosenId('', communes)).toBe(4);
    expect(chosenId('12', communes)).toBe(4);
  });

  it('has nothing to choose from an empty list', () => {
    expect(chosenId('', [])).toBeUndefined();
  });
});

describe('planCounts', () => {
  it('counts approved and submitted plans, the rest pending', () => {
    const rows = [
      { status: 'approved' },
      { status: 'submitted' },
      { status: 'returned' },
      { status: 'draft' },
      { status: null },
    ];
    expect(planCounts(rows)).toEqual({ schools: 5, approved: 1, submitted: 1, pending: 3 });
  });

  it('says nothing is pending for a commune without schools', () => {
    expect(planCounts([])).toEqual({ schools: 0, approved: 0, submitted: 0, pending: 0 });
  });
});

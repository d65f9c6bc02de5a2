import { describe, expect, it } from 'vitest';
import { todayIso, yearsWithEarlier } from './dates';

describe('dates', () => {
  it('add the school years before the movement (earlier awards count for the rules)', () => {
    expect(yearsWithEarlier(['2025-2026', '2026-2027'], 2)).toEqual(['2023-2024', '2024-2025', '2025-2026', '2026-2027']);
    expect(yearsWithEarlier(['2025-2026'])).toEqual(['2022-2023', '2023-2024', '2024-2025', '2025-2026']);
    expect(yearsWithEarlier([])).toEqual([]);
  });

  it('gives today as YYYY-MM-DD in local time', () => {
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(todayIso(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });
});

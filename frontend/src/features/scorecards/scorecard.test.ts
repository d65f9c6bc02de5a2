import { describe, expect, it } from 'vitest';
import { barWidths, percentValue, pointsLost } from './scorecard';

describe('pointsLost', () => {
  it('keeps indicators that lost points, largest loss first, ties by natural code order', () => {
    const rows = [
      { code: 'TC1.1', lost_points: '8.00' },
      { code: 'TC2.10', lost_points: '1.40' },
      { code: 'TC2.2', lost_points: '1.40' },
      { code: 'TC2.3', lost_points: '0.00' },
      { code: 'TC5.2', lost_points: '6.00' },
    ];
    expect(pointsLost(rows).map((r) => r.code)).toEqual(['TC1.1', 'TC5.2', 'TC2.2', 'TC2.10']);
  });
  it('does not change the input', () => {
    const rows = [
      { code: 'B', lost_points: '1' },
      { code: 'A', lost_points: '2' },
    ];
    pointsLost(rows);
    expect(rows[0]!.code).toBe('B');
  });
});

describe('barWidths', () => {
  it('scales to the largest count', () => {
    expect(barWidths([1, 4, 0, 2])).toEqual([25, 100, 0, 50]);
    expect(barWidths([1, 3])).toEqual([33.3, 100]);
  });
  it('is all zero without data', () => {
    expect(barWidths([0, 0])).toEqual([0, 0]);
    expect(barWidths([])).toEqual([]);
  });
});

describe('percentValue', () => {
  it('parses API decimals', () => {
    expect(percentValue('86.40')).toBe(86.4);
    expect(percentValue(null)).toBeNull();
    expect(percentValue('x')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { schoolYearOptions } from './years';

describe('schoolYearOptions', () => {
  it('lists the movement years newest first', () => {
    expect(schoolYearOptions([])).toEqual(['2029-2030', '2028-2029', '2027-2028', '2026-2027', '2025-2026']);
  });

  it('adds the years of the rounds once, and ignores empty or malformed ones', () => {
    expect(schoolYearOptions(['2024-2025', '2025-2026', null, undefined, 'x'], 2025, 2027)).toEqual([
      '2026-2027',
      '2025-2026',
      '2024-2025',
    ]);
  });
});

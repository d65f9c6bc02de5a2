import { describe, expect, it } from 'vitest';
import { shiftYear } from './years';

describe('shiftYear', () => {
  it('moves a school year forward and back', () => {
    expect(shiftYear('2025-2026', 1)).toBe('2026-2027');
    expect(shiftYear('2025-2026', -1)).toBe('2024-2025');
  });
  it('leaves anything else alone', () => {
    expect(shiftYear('', 1)).toBe('');
    expect(shiftYear('năm nay', 1)).toBe('năm nay');
  });
});

import { describe, expect, it } from 'vitest';
import { schoolYearOf } from './schoolYear';

describe('schoolYearOf', () => {
  it('starts a school year in September', () => {
    expect(schoolYearOf('2025-09-01')).toBe('2025-2026');
    expect(schoolYearOf('2026-08-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-01-15')).toBe('2025-2026');
    expect(schoolYearOf('2025-08-31')).toBe('2024-2025');
  });
  it('gives null for anything that is not a date', () => {
    expect(schoolYearOf('')).toBeNull();
    expect(schoolYearOf('2025-13-01')).toBeNull();
  });
});

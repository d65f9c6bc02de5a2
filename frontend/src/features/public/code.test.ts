import { describe, expect, it } from 'vitest';
import { isValidCode, normaliseCode } from './code';

describe('normaliseCode', () => {
  it('trims, removes spaces and upper-cases', () => {
    expect(normaliseCode('  td-7k2m 9pqx ')).toBe('TD-7K2M9PQX');
  });

  it('takes the code out of a pasted verification link', () => {
    expect(normaliseCode('https://thidua.example.vn/xac-thuc/td-7k2m9pqx')).toBe('TD-7K2M9PQX');
    expect(normaliseCode('http://127.0.0.1:8000/xac-thuc/TD-7K2M9PQX?utm=x#top')).toBe('TD-7K2M9PQX');
  });

  it('puts back the hyphen after TD and accepts typographic dashes', () => {
    expect(normaliseCode('TD7K2M9PQX')).toBe('TD-7K2M9PQX');
    expect(normaliseCode('TD–7K2M9PQX')).toBe('TD-7K2M9PQX');
  });

  it('leaves other codes alone', () => {
    expect(normaliseCode('ABCD')).toBe('ABCD');
    expect(normaliseCode('')).toBe('');
  });
});

describe('isValidCode', () => {
  it('follows the server rule (4–20 letters, digits, hyphens)', () => {
    expect(isValidCode('TD-7K2M9PQX')).toBe(true);
    expect(isValidCode('ABCD')).toBe(true);
    expect(isValidCode('ABC')).toBe(false);
    expect(isValidCode('A'.repeat(21))).toBe(false);
    expect(isValidCode('TD_7K2M')).toBe(false);
    expect(isValidCode('TD-7K2M/..')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDate, formatPercent } from './format';

describe('formatDate', () => {
  it('writes day/month/year, the one way the app writes dates (d/m/yyyy)', () => {
    expect(formatDate('2026-05-20')).toBe('20/5/2026');
    expect(formatDate('2026-05-20T08:00:00Z')).toBe('20/5/2026');
  });

  it('leaves other text alone', () => {
    expect(formatDate('')).toBe('');
    expect(formatDate(null)).toBe('');
    expect(formatDate('hôm qua')).toBe('hôm qua');
  });
});

describe('formatPercent', () => {
  it('rounds to two decimals with the language decimal mark', () => {
    expect(formatPercent('85.50', 'vi')).toBe('85,5 %');
    expect(formatPercent('85.50', 'en')).toBe('85.5 %');
    expect(formatPercent(100, 'vi')).toBe('100 %');
    expect(formatPercent('66.666', 'vi')).toBe('66,67 %');
  });

  it('gives nothing for nothing', () => {
    expect(formatPercent(null, 'vi')).toBe('');
    expect(formatPercent('', 'vi')).toBe('');
  });
});

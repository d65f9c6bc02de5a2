import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { formatDate, formatDateTime, formatNumber, formatPercent } from './format';

describe('one format for dates and numbers', () => {
  beforeAll(async () => {
    await i18n.init({ lng: 'vi', resources: {} });
  });
  afterEach(() => void i18n.changeLanguage('vi'));

  it('writes dates d/m/yyyy', () => {
    expect(formatDate('2026-12-15')).toBe('15/12/2026');
    expect(formatDate('2026-03-05')).toBe('5/3/2026');
    expect(formatDate(null)).toBe('');
    expect(formatDate('không phải ngày')).toBe('không phải ngày');
  });

  it('writes date-times d/m/yyyy HH:mm in local time', () => {
    const local = new Date(2026, 2, 5, 9, 7).toISOString();
    expect(formatDateTime(local)).toBe('5/3/2026 09:07');
    expect(formatDateTime('2026-03-05')).toBe('5/3/2026');
    expect(formatDateTime(undefined)).toBe('');
  });

  it('writes decimals and thousands as Vietnamese does, English behind the switch', async () => {
    await i18n.changeLanguage('vi');
    expect(formatNumber('41.40')).toBe('41,4');
    expect(formatNumber('80.00')).toBe('80');
    expect(formatNumber(1250)).toBe('1.250');
    expect(formatPercent('100.00')).toBe('100 %');
    expect(formatPercent('33.333')).toBe('33,33 %');
    expect(formatNumber('')).toBe('');
    await i18n.changeLanguage('en');
    expect(formatNumber('41.40')).toBe('41.4');
    expect(formatNumber(1250)).toBe('1,250');
  });
});

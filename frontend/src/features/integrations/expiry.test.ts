import { describe, expect, it } from 'vitest';
import { expiryFromDate, isIsoDate, isPastDay, todayInVietnam } from './expiry';

describe('expiryFromDate', () => {
  it('sends the end of the day in Asia/Ho_Chi_Minh with its offset', () => {
    expect(expiryFromDate('2027-01-31')).toBe('2027-01-31T23:59:59+07:00');
    expect(expiryFromDate(' 2028-02-29 ')).toBe('2028-02-29T23:59:59+07:00');
  });

  it('is the same instant as 16:59:59 UTC that day', () => {
    expect(new Date(expiryFromDate('2027-01-31')!).toISOString()).toBe('2027-01-31T16:59:59.000Z');
  });

  it('means no expiry for an empty field', () => {
    expect(expiryFromDate('')).toBeNull();
    expect(expiryFromDate('   ')).toBeNull();
  });

  it('refuses dates that do not exist or are written otherwise', () => {
    for (const d of ['2027-02-29', '2027-13-01', '2027-00-10', '31/01/2027', '2027-1-31', 'abc'])
      expect(expiryFromDate(d), d).toBeUndefined();
  });
});

describe('isIsoDate', () => {
  it('checks the calendar', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2027-04-31')).toBe(false);
  });
});

describe('todayInVietnam / isPastDay', () => {
  it('uses the Việt Nam date, not the UTC date', () => {
    // 18:30 UTC on 31 Jan is already 01:30 on 1 Feb in Hà Nội
    expect(todayInVietnam(new Date('2027-01-31T18:30:00Z'))).toBe('2027-02-01');
    expect(todayInVietnam(new Date('2027-01-31T16:59:59Z'))).toBe('2027-01-31');
  });

  it('allows today and later, refuses days already over', () => {
    const now = new Date('2027-01-31T18:30:00Z'); // 1 Feb in Việt Nam
    expect(isPastDay('2027-01-31', now)).toBe(true);
    expect(isPastDay('2027-02-01', now)).toBe(false);
    expect(isPastDay('2027-03-01', now)).toBe(false);
    expect(isPastDay('not a date', now)).toBe(false);
  });
});

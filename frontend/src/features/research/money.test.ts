import { describe, expect, it } from 'vitest';
import { hoursInput, parseMoney, vnHours, vnMoney } from './money';

describe('research support figures', () => {
  it('writes money and hours the Vietnamese way', () => {
    expect(vnMoney(3500000)).toBe('3.500.000');
    expect(vnHours('12.50')).toBe('12,5');
  });
  it('reads money typed with thousands dots or spaces, refusing other text', () => {
    expect(parseMoney('3.500.000')).toBe(3500000);
    expect(parseMoney('2 000 000 đ')).toBe(2000000);
    expect(parseMoney('')).toBe(0);
    expect(parseMoney('-5')).toBe(-5);
    expect(parseMoney('ba triệu')).toBeNull();
  });
  it('accepts a decimal comma in hours', () => {
    expect(hoursInput('12,5')).toBe('12.5');
    expect(hoursInput('')).toBe('0');
  });
});

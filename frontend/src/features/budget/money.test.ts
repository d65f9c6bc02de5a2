import { describe, expect, it } from 'vitest';
import { formatDong, parseDong } from './money';

describe('amounts in đồng', () => {
  it('reads what a person types', () => {
    expect(parseDong('1.500.000')).toBe(1_500_000);
    expect(parseDong(' 40 000 000 đ ')).toBe(40_000_000);
    expect(parseDong('-5')).toBe(-5);
    expect(parseDong('mười triệu')).toBeNaN();
    expect(parseDong('')).toBeNaN();
  });

  it('writes them the Vietnamese way', () => {
    expect(formatDong(1_500_000).replace(/\s/g, ' ')).toBe('1.500.000 đ');
    expect(formatDong(null)).toBe('—');
  });
});

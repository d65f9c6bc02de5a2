import { describe, expect, it } from 'vitest';
import { dispositionFilename } from './client';

describe('dispositionFilename', () => {
  it('prefers the RFC 5987 filename* (Vietnamese names)', () => {
    expect(
      dispositionFilename(`attachment; filename="bang-xep-hang.xlsx"; filename*=UTF-8''B%E1%BA%A3ng%20x%E1%BA%BFp%20h%E1%BA%A1ng.xlsx`),
    ).toBe('Bảng xếp hạng.xlsx');
  });
  it('reads a plain filename, quoted or not', () => {
    expect(dispositionFilename('attachment; filename="quy-che.pdf"')).toBe('quy-che.pdf');
    expect(dispositionFilename('inline; filename=a.pdf')).toBe('a.pdf');
  });
  it('returns null without a header or a name', () => {
    expect(dispositionFilename(null)).toBeNull();
    expect(dispositionFilename('attachment')).toBeNull();
  });
});

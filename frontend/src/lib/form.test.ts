import { describe, expect, it } from 'vitest';
import { changed, optional, optionalId } from './form';

describe('form helpers', () => {
  it('turns blank optional text into null', () => {
    expect(optional('  ')).toBeNull();
    expect(optional(' Thanh Thủy ')).toBe('Thanh Thủy');
  });
  it('parses optional ids', () => {
    expect(optionalId('')).toBeNull();
    expect(optionalId('12')).toBe(12);
  });
  it('keeps only changed fields for PATCH', () => {
    expect(
      changed({ name: 'A', address: null, roles: ['staff'] }, { name: 'B', address: null, roles: ['staff'] }),
    ).toEqual({ name: 'B' });
    expect(changed({ roles: ['staff'] }, { roles: ['staff', 'admin'] })).toEqual({ roles: ['staff', 'admin'] });
    expect(changed({ address: null }, { address: 'Xóm 1' })).toEqual({ address: 'Xóm 1' });
  });
});

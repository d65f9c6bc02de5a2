import { describe, expect, it } from 'vitest';
import { knownInspectors, mergeIds, parseUserIds } from './team';

describe('parseUserIds', () => {
  it('reads ids separated by commas or spaces, without duplicates', () => {
    expect(parseUserIds(' 12, 15 7;12 ')).toEqual([12, 15, 7]);
    expect(parseUserIds('')).toEqual([]);
  });
  it('refuses anything else', () => {
    expect(parseUserIds('12, kiemtra')).toBeNull();
    expect(parseUserIds('0')).toBeNull();
    expect(parseUserIds('1.5')).toBeNull();
  });
});

describe('mergeIds', () => {
  it('keeps the ticked ones first and adds typed ones once', () => {
    expect(mergeIds([3, 1], [1, 9])).toEqual([3, 1, 9]);
  });
});

describe('knownInspectors', () => {
  it('lists each person once, by name', () => {
    expect(
      knownInspectors([
        [{ user_id: 2, full_name: 'Phạm Văn Bình' }],
        [
          { user_id: 1, full_name: 'Đỗ Thị An' },
          { user_id: 2, full_name: 'Phạm Văn Bình' },
        ],
      ]).map((p) => p.user_id),
    ).toEqual([1, 2]);
  });
});

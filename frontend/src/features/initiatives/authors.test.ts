import { describe, expect, it } from 'vitest';
import {
  authorErrors,
  authorsPayload,
  evenShares,
  formatHundredths,
  fromAuthors,
  parseShare,
  rowProblems,
  shareTotal,
} from './authors';

describe('parseShare', () => {
  it('reads whole numbers, decimals with a point or a comma', () => {
    expect(parseShare('50')).toBe(5000);
    expect(parseShare(' 33,33 ')).toBe(3333);
    expect(parseShare('12.5')).toBe(1250);
    expect(parseShare('100')).toBe(10000);
    expect(parseShare('100.00')).toBe(10000);
  });

  it('refuses zero, more than 100, more than two decimals and text', () => {
    for (const bad of ['', '0', '0.00', '100.01', '101', '33.333', 'abc', '-5', '1e2']) expect(parseShare(bad), bad).toBeNull();
  });
});

describe('shareTotal', () => {
  it('adds exactly (no floating point drift)', () => {
    expect(shareTotal([{ staff: '1', share: '33.33' }, { staff: '2', share: '33.33' }, { staff: '3', share: '33.34' }])).toBe(10000);
    expect(shareTotal([{ staff: '1', share: '0.1' }, { staff: '2', share: '0.2' }])).toBe(30);
  });

  it('counts an invalid share as zero', () => {
    expect(shareTotal([{ staff: '1', share: '60' }, { staff: '2', share: 'x' }])).toBe(6000);
    expect(shareTotal([])).toBe(0);
  });
});

describe('formatHundredths', () => {
  it('drops trailing zeros', () => {
    expect(formatHundredths(10000)).toBe('100');
    expect(formatHundredths(3333)).toBe('33.33');
    expect(formatHundredths(1250)).toBe('12.5');
    expect(formatHundredths(5)).toBe('0.05');
    expect(formatHundredths(-250)).toBe('-2.5');
  });
});

describe('evenShares', () => {
  it('splits 100 % so that the shares total exactly 100', () => {
    expect(evenShares(1)).toEqual(['100']);
    expect(evenShares(2)).toEqual(['50', '50']);
    expect(evenShares(3)).toEqual(['33.34', '33.33', '33.33']);
    expect(evenShares(0)).toEqual([]);
    const seven = evenShares(7);
    expect(shareTotal(seven.map((share) => ({ staff: '1', share })))).toBe(10000);
  });
});

describe('fromAuthors and authorsPayload', () => {
  it('round-trips the API decimal strings', () => {
    const rows = fromAuthors([
      { staff_id: 4, staff_code: 'GV04', full_name: 'Nguyễn Thị Hoa', share_percent: '60.00' },
      { staff_id: 9, staff_code: 'GV09', full_name: 'Trần Văn Nam', share_percent: '40.50' },
    ]);
    expect(rows).toEqual([
      { staff: '4', share: '60' },
      { staff: '9', share: '40.5' },
    ]);
    expect(authorsPayload(rows)).toEqual([
      { staff_id: 4, share_percent: '60' },
      { staff_id: 9, share_percent: '40.5' },
    ]);
  });

  it('sends a typed comma as a point', () => {
    expect(authorsPayload([{ staff: '2', share: '33,34' }])).toEqual([{ staff_id: 2, share_percent: '33.34' }]);
  });
});

describe('rowProblems', () => {
  it('finds missing people, bad shares and a person twice', () => {
    const problems = rowProblems([
      { staff: '1', share: '50' },
      { staff: '', share: '20' },
      { staff: '1', share: 'abc' },
    ]);
    expect(problems.get(0)).toBeUndefined();
    expect(problems.get(1)).toEqual(['staff']);
    expect(problems.get(2)).toEqual(['duplicate', 'share']);
  });
});

describe('authorErrors', () => {
  it('places list and row errors', () => {
    const errors = authorErrors({
      status: 422,
      errors: [
        { path: 'body.authors', message: 'Tổng phải bằng 100 %.' },
        { path: 'body.authors.1.staff_id', message: 'Không có cán bộ.' },
        { path: 'body.authors.1.share_percent', message: 'Quá lớn.' },
        { path: 'body.authors.0', message: 'Thiếu.' },
        { path: 'body.title', message: 'Bắt buộc.' },
        { path: 'body.authorsx', message: 'khác' },
      ],
    });
    expect(errors.list).toBe('Tổng phải bằng 100 %.');
    expect(errors.rows).toEqual({ 0: 'Thiếu.', 1: 'Không có cán bộ. Quá lớn.' });
  });

  it('is empty without a problem', () => {
    expect(authorErrors(null)).toEqual({ list: undefined, rows: {} });
  });
});

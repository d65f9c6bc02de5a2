import { describe, expect, it } from 'vitest';
import { excerpt, splitParagraphs } from './paragraphs';

describe('splitParagraphs', () => {
  it('splits on blank lines', () => {
    expect(splitParagraphs('Đoạn một.\n\nĐoạn hai.\n\n\nĐoạn ba.')).toEqual(['Đoạn một.', 'Đoạn hai.', 'Đoạn ba.']);
  });

  it('accepts CRLF and blank lines holding spaces', () => {
    expect(splitParagraphs('A\r\n\r\nB\r\n  \r\nC')).toEqual(['A', 'B', 'C']);
    expect(splitParagraphs('A\r\rB')).toEqual(['A', 'B']);
  });

  it('keeps a single line break inside a paragraph and trims lines', () => {
    expect(splitParagraphs('  Dòng 1\n  Dòng 2  \n\nKết')).toEqual(['Dòng 1\nDòng 2', 'Kết']);
  });

  it('keeps markup-looking text as it is (it is shown as text)', () => {
    expect(splitParagraphs('<script>alert(1)</script>\n\n<b>đậm</b>')).toEqual(['<script>alert(1)</script>', '<b>đậm</b>']);
  });

  it('gives nothing for an empty body', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs('\n \n\n')).toEqual([]);
    expect(splitParagraphs(null)).toEqual([]);
  });
});

describe('excerpt', () => {
  it('keeps a short text and cuts a long one at a word', () => {
    expect(excerpt('  Ngắn   gọn ')).toBe('Ngắn gọn');
    expect(excerpt('một hai ba bốn năm sáu', 12)).toBe('một hai ba…');
  });
});

import { describe, expect, it } from 'vitest';
import { hasNext, hasPrevious, pageLabel, previousOffset } from './pagination';

describe('pageLabel', () => {
  it('shows the first page', () => {
    expect(pageLabel(0, 50, 153)).toBe('1–50 / 153');
  });
  it('shows a middle page', () => {
    expect(pageLabel(50, 50, 153)).toBe('51–100 / 153');
  });
  it('clips the last page to the total', () => {
    expect(pageLabel(150, 50, 153)).toBe('151–153 / 153');
  });
  it('handles a list shorter than a page', () => {
    expect(pageLabel(0, 50, 7)).toBe('1–7 / 7');
  });
  it('handles an empty list', () => {
    expect(pageLabel(0, 50, 0)).toBe('0 / 0');
  });
});

describe('page navigation', () => {
  it('knows when there is a previous page', () => {
    expect(hasPrevious(0)).toBe(false);
    expect(hasPrevious(50)).toBe(true);
  });
  it('knows when there is a next page', () => {
    expect(hasNext(0, 50, 153)).toBe(true);
    expect(hasNext(100, 50, 153)).toBe(true);
    expect(hasNext(150, 50, 153)).toBe(false);
    expect(hasNext(0, 50, 50)).toBe(false);
  });
  it('never goes below zero', () => {
    expect(previousOffset(30, 50)).toBe(0);
    expect(previousOffset(100, 50)).toBe(50);
  });
});

import { describe, expect, it } from 'vitest';
import {
  documentErrors,
  formatNumber,
  heatBand,
  heatColour,
  mapEntryErrors,
  parseIndicatorInput,
  valueToInput,
} from './indicators';

describe('parseIndicatorInput', () => {
  it('treats an empty answer as null for every kind', () => {
    for (const kind of ['boolean', 'percent', 'count', 'level'] as const)
      expect(parseIndicatorInput(kind, '  ')).toEqual({ ok: true, value: null });
  });
  it('accepts only 1/0 for booleans', () => {
    expect(parseIndicatorInput('boolean', '1')).toEqual({ ok: true, value: '1' });
    expect(parseIndicatorInput('boolean', '0')).toEqual({ ok: true, value: '0' });
    expect(parseIndicatorInput('boolean', 'yes').ok).toBe(false);
  });
  it('accepts percentages from 0 to 100, with a decimal comma', () => {
    expect(parseIndicatorInput('percent', '85,5')).toEqual({ ok: true, value: '85.5' });
    expect(parseIndicatorInput('percent', '100')).toEqual({ ok: true, value: '100' });
    expect(parseIndicatorInput('percent', '0')).toEqual({ ok: true, value: '0' });
    expect(parseIndicatorInput('percent', '100.01')).toEqual({ ok: false, error: 'indicator.errors.percent' });
    expect(parseIndicatorInput('percent', '-1')).toEqual({ ok: false, error: 'indicator.errors.number' });
    expect(parseIndicatorInput('percent', 'abc')).toEqual({ ok: false, error: 'indicator.errors.number' });
  });
  it('accepts only whole numbers ≥ 0 for counts', () => {
    expect(parseIndicatorInput('count', '012')).toEqual({ ok: true, value: '12' });
    expect(parseIndicatorInput('count', '1.5')).toEqual({ ok: false, error: 'indicator.errors.count' });
    expect(parseIndicatorInput('count', '-3')).toEqual({ ok: false, error: 'indicator.errors.count' });
  });
  it('accepts only declared levels', () => {
    expect(parseIndicatorInput('level', '2', [0, 1, 2])).toEqual({ ok: true, value: '2' });
    expect(parseIndicatorInput('level', '3', [0, 1, 2])).toEqual({ ok: false, error: 'indicator.errors.level' });
  });
  it('never accepts a value for a computed indicator', () => {
    expect(parseIndicatorInput('computed', '5').ok).toBe(false);
  });
});

describe('value formatting', () => {
  it('shows API decimals without trailing zeros', () => {
    expect(valueToInput('80.00')).toBe('80');
    expect(valueToInput(null)).toBe('');
    expect(formatNumber('8.60')).toBe('8,6');
    expect(formatNumber('-2.50')).toBe('-2,5');
    expect(formatNumber(null)).toBe('');
  });
});

describe('mapEntryErrors', () => {
  it('maps body.entries.<index> to the code that was sent at that index', () => {
    const { byIndicator, rest } = mapEntryErrors(
      {
        status: 422,
        errors: [
          { path: 'body.entries.0.value', message: 'Tỷ lệ phần trăm phải từ 0 đến 100.' },
          { path: 'body.entries.3.value', message: 'Phải là một trong các mức' },
        ],
      },
      ['TC2.1', 'TC2.2', 'TC2.3', 'TC5.2'],
    );
    expect(byIndicator).toEqual({
      'TC2.1': { value: 'Tỷ lệ phần trăm phải từ 0 đến 100.' },
      'TC5.2': { value: 'Phải là một trong các mức' },
    });
    expect(rest).toEqual([]);
  });
  it('maps entries.<code with dots>.<field> from submit', () => {
    const { byIndicator } = mapEntryErrors({
      status: 422,
      errors: [
        { path: 'entries.TC2.1.evidence', message: 'TC2.1 cần ít nhất một minh chứng.' },
        { path: 'entries.TC2.1.value', message: 'Chưa nhập giá trị cho TC2.1.' },
        { path: 'entries.TC5.1.evidence', message: 'a' },
        { path: 'entries.TC5.1.evidence', message: 'b' },
      ],
    });
    expect(byIndicator).toEqual({
      'TC2.1': { evidence: 'TC2.1 cần ít nhất một minh chứng.', value: 'Chưa nhập giá trị cho TC2.1.' },
      'TC5.1': { evidence: 'a b' },
    });
  });
  it('keeps errors that are not about an entry, or whose index is unknown', () => {
    const { byIndicator, rest } = mapEntryErrors(
      {
        status: 422,
        errors: [
          { path: 'body.reason', message: 'bắt buộc' },
          { path: 'body.entries.5.value', message: 'x' },
        ],
      },
      ['TC2.1'],
    );
    expect(byIndicator).toEqual({});
    expect(rest.map((e) => e.path)).toEqual(['body.reason', 'body.entries.5.value']);
  });
});

describe('documentErrors', () => {
  it('keeps the nested path without "body."', () => {
    expect(
      documentErrors({
        status: 422,
        errors: [
          { path: 'body.criteria.0.indicators.2.target', message: 'Bắt buộc' },
          { path: 'body.name', message: 'Quá dài' },
          { path: 'header.If-Match', message: 'thiếu' },
        ],
      }),
    ).toEqual({ 'criteria.0.indicators.2.target': 'Bắt buộc', name: 'Quá dài' });
  });
});

describe('heat scale', () => {
  it('puts percentages into five bands', () => {
    expect([0, 24.99, 25, 49, 50, 69.9, 70, 89, 90, 100].map(heatBand)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(heatBand(null)).toBe(-1);
  });
  it('uses grey for no data and different colours for low and high', () => {
    expect(heatColour(null).background).toBe('#e5e7eb');
    expect(heatColour(10).background).not.toBe(heatColour(95).background);
    expect(heatColour(150)).toEqual(heatColour(100));
  });
});

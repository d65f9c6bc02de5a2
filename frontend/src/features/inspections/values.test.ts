import { describe, expect, it } from 'vitest';
import { buildValuesPayload, recordedByIndicator, valueErrors, type ValueRow } from './values';

const row = (code: string, kind: ValueRow['kind'], raw: string, comment = '', levels: number[] = []): ValueRow => ({
  code,
  kind,
  raw,
  comment,
  levels,
});

describe('buildValuesPayload', () => {
  it('sends only the indicators with a value, normalised, never computed ones', () => {
    const result = buildValuesPayload([
      row('TC1.1', 'computed', '5'),
      row('TC2.1', 'percent', '50,5', '  Theo thống kê LMS '),
      row('TC2.2', 'level', '', ''),
      row('TC2.3', 'count', '010'),
      row('TC5.1', 'boolean', '0'),
    ]);
    expect(result).toEqual({
      ok: true,
      values: [
        { indicator_code: 'TC2.1', value: '50.5', comment: 'Theo thống kê LMS' },
        { indicator_code: 'TC2.3', value: '10', comment: null },
        { indicator_code: 'TC5.1', value: '0', comment: null },
      ],
      codes: ['TC2.1', 'TC2.3', 'TC5.1'],
    });
  });
  it('refuses values that do not fit the indicator, and comments without a value', () => {
    const result = buildValuesPayload([
      row('TC2.1', 'percent', '150'),
      row('TC2.2', 'level', '3', '', [0, 1, 2]),
      row('TC2.3', 'count', '', 'Không có số liệu'),
      row('TC2.4', 'percent', '80'),
    ]);
    expect(result).toEqual({
      ok: false,
      errors: {
        'TC2.1': 'indicator.errors.percent',
        'TC2.2': 'indicator.errors.level',
        'TC2.3': 'inspections.errors.commentWithoutValue',
      },
    });
  });
  it('gives an empty payload when nothing was typed', () => {
    expect(buildValuesPayload([row('TC2.1', 'percent', ' ')])).toEqual({ ok: true, values: [], codes: [] });
  });
});

describe('valueErrors', () => {
  it('places body.values.N.value at the indicator sent at index N', () => {
    expect(
      valueErrors(
        {
          status: 422,
          errors: [
            { path: 'body.values.1.value', message: 'Phải là một trong các mức' },
            { path: 'body.values.1.value', message: '(0, 1, 2)' },
            { path: 'body.unit_id', message: 'Đơn vị này không thuộc đợt kiểm tra.' },
            { path: 'body.values.9.value', message: 'x' },
          ],
        },
        ['TC2.1', 'TC2.2'],
      ),
    ).toEqual({
      byIndicator: { 'TC2.2': 'Phải là một trong các mức (0, 1, 2)' },
      general: { unit_id: 'Đơn vị này không thuộc đợt kiểm tra.', 'values.9.value': 'x' },
    });
  });
});

describe('recordedByIndicator', () => {
  it('keeps the latest value of each indicator for one unit', () => {
    const values = [
      { unit_id: 1, indicator_code: 'TC2.1', value: '40', recorded_at: '2026-03-01T08:00:00Z' },
      { unit_id: 1, indicator_code: 'TC2.1', value: '50', recorded_at: '2026-03-02T08:00:00Z' },
      { unit_id: 2, indicator_code: 'TC2.1', value: '90', recorded_at: '2026-03-03T08:00:00Z' },
    ];
    const map = recordedByIndicator(values, 1);
    expect([...map.keys()]).toEqual(['TC2.1']);
    expect(map.get('TC2.1')?.value).toBe('50');
  });
});

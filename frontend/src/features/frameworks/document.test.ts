import { describe, expect, it } from 'vitest';
import type { Framework } from '../../api/types';
import { isShownPath, newCriterion, nextCriterionCode, nextIndicatorCode, toDocument, toDraft } from './document';

const framework = {
  id: 1,
  movement_id: 1,
  code: 'BDC-CSGD',
  name: 'Bảng điểm chuẩn đối với các cơ sở giáo dục',
  subject_kind: 'unit',
  classification: [{ min_percent: '90', code: 'excellent', label: 'Hoàn thành xuất sắc' }],
  criteria: [
    {
      id: 2,
      code: 'TC2',
      name: 'Chuyển đổi số',
      max_points: '12.00',
      indicators: [
        {
          id: 6,
          code: 'TC2.2',
          name: 'Mức độ sử dụng phần mềm',
          kind: 'level',
          rule: 'bands',
          direction: 'higher',
          target: '2.00',
          max_points: '6.00',
          bands: [
            { min_value: '0', points: '0' },
            { min_value: '1', points: '3.50' },
          ],
          levels: [{ value: 0, label: 'Chưa sử dụng' }],
          evidence_required: false,
          is_gate: false,
          content_area_code: 'ND3',
          source: null,
          moet_4725: '2.3',
        },
        {
          id: 7,
          code: 'TC2.3',
          name: 'Số học liệu số',
          kind: 'count',
          rule: 'proportional',
          direction: 'higher',
          target: null,
          max_points: '6.00',
          bands: [{ min_value: '1', points: '1' }],
          levels: [{ value: 1, label: 'x' }],
          evidence_required: true,
          is_gate: true,
          content_area_code: null,
          source: 'ignored_for_non_computed',
          moet_4725: null,
        },
      ],
    },
  ],
} as unknown as Framework;

describe('framework document', () => {
  it('round-trips through the editable draft', () => {
    const doc = toDocument(toDraft(framework));
    expect(doc.code).toBe('BDC-CSGD');
    const [level, count] = doc.criteria[0]!.indicators;
    expect(level).toMatchObject({
      target: '2',
      max_points: '6',
      bands: [
        { min_value: '0', points: '0' },
        { min_value: '1', points: '3.5' },
      ],
      levels: [{ value: 0, label: 'Chưa sử dụng' }],
      content_area_code: 'ND3',
      source: null,
      moet_4725: '2.3',
    });
    // bands only for the bands rule, levels only for level kind, source only for computed
    expect(count).toMatchObject({ target: null, bands: [], levels: [], source: null, is_gate: true, evidence_required: true });
  });

  it('accepts a decimal comma and keeps non-numbers for the server to report', () => {
    const draft = toDraft(framework);
    draft.criteria[0]!.indicators[0]!.max_points = '6,5';
    draft.criteria[0]!.indicators[0]!.levels = [{ value: 'x', label: 'Sai' }];
    const ind = toDocument(draft).criteria[0]!.indicators[0]!;
    expect(ind.max_points).toBe('6.5');
    expect(ind.levels?.[0]?.value).toBe('x');
  });

  it('numbers new criteria and indicators after the existing ones', () => {
    expect(nextIndicatorCode('TC2', ['TC2.1', 'TC2.4', 'TC3.9'])).toBe('TC2.5');
    expect(nextIndicatorCode('TC6', [])).toBe('TC6.1');
    expect(nextCriterionCode(['TC1', 'TC5'])).toBe('TC6');
    expect(nextCriterionCode(['CN1', 'CN3'])).toBe('CN4');
    expect(newCriterion('TC6').indicators[0]!.code).toBe('TC6.1');
  });

  it('knows which error paths the editor shows at a field', () => {
    expect(isShownPath('criteria.0.indicators.2.target')).toBe(true);
    expect(isShownPath('criteria.1.indicators.0.bands.2.points')).toBe(true);
    expect(isShownPath('criteria.1.indicators.0')).toBe(true);
    expect(isShownPath('classification.0.code')).toBe(false);
    expect(isShownPath('movement_id')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { DtiAssessment, DtiCriterion } from '../../api/types';
import { draftOf, valuesOf } from './form';

const criteria = [
  { code: '1.1', group: '1', name: 'Kế hoạch', max_points: null, mandatory: true, parts: [], verified: true, source: '' },
  { code: '1.3', group: '1', name: 'Phần mềm', max_points: '30', mandatory: false, parts: [], verified: false, source: '' },
] as DtiCriterion[];

describe('the 4725 form', () => {
  it('sends every criterion in the index order, empty ones unanswered', () => {
    expect(valuesOf(criteria, { '1.1': 'true', '1.3': '24,5' })).toEqual([
      { criterion_code: '1.1', met: true },
      { criterion_code: '1.3', points: '24.5' },
    ]);
    expect(valuesOf(criteria, {})).toEqual([
      { criterion_code: '1.1', met: null },
      { criterion_code: '1.3', points: null },
    ]);
  });

  it('fills the form from a stored result', () => {
    const stored = { values: [{ criterion_code: '1.1', met: false, points: null }, { criterion_code: '1.3', points: '24.00', met: null }] };
    expect(draftOf(criteria, stored as unknown as DtiAssessment)).toEqual({ '1.1': 'false', '1.3': '24' });
    expect(draftOf(criteria, undefined)).toEqual({ '1.1': '', '1.3': '' });
  });
});

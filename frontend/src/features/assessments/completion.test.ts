import { describe, expect, it } from 'vitest';
import type { Entry } from '../../api/types';
import { completion, missingItems } from './completion';

function entry(code: string, over: Partial<Entry> = {}): Entry {
  return {
    computed: false,
    criterion_code: code.split('.')[0]!,
    effective_value: null,
    evidence: [],
    evidence_required: false,
    indicator_code: code,
    indicator_id: 1,
    kind: 'percent',
    max_points: '5',
    note: null,
    provisional: false,
    return_reason: null,
    reviewer_comment: null,
    self_points: '0',
    self_value: null,
    source_available: true,
    verified_points: '0',
    verified_value: null,
    ...over,
  };
}

const link = { id: 1, indicator_code: 'TC2.1', kind: 'link', title: 'LMS', url: 'https://lms.example', filename: null, download_url: null } as unknown as Entry['evidence'][number];

const criteria = [
  { code: 'TC1', indicators: [{ code: 'TC1.1' }] },
  { code: 'TC2', indicators: [{ code: 'TC2.1' }, { code: 'TC2.2' }, { code: 'TC2.3' }] },
];

describe('missingItems', () => {
  it('asks a value of every typed indicator and evidence where required, never of computed ones', () => {
    const entries = new Map([
      ['TC1.1', entry('TC1.1', { computed: true })],
      ['TC2.1', entry('TC2.1', { evidence_required: true })],
      ['TC2.2', entry('TC2.2', { self_value: '2' })],
      ['TC2.3', entry('TC2.3')],
    ]);
    expect(missingItems(criteria, entries, new Set())).toEqual([
      { indicator: 'TC2.1', criterion: 'TC2', what: 'value' },
      { indicator: 'TC2.1', criterion: 'TC2', what: 'evidence' },
      { indicator: 'TC2.3', criterion: 'TC2', what: 'value' },
    ]);
  });

  it('counts a value taken from the QĐ 4725 result as given, and evidence once attached', () => {
    const entries = new Map([
      ['TC2.1', entry('TC2.1', { evidence_required: true, evidence: [link] })],
      ['TC2.2', entry('TC2.2', { self_value: '0' })],
      ['TC2.3', entry('TC2.3')],
    ]);
    expect(missingItems(criteria, entries, new Set(['TC2.1']))).toEqual([{ indicator: 'TC2.3', criterion: 'TC2', what: 'value' }]);
  });
});

describe('completion', () => {
  it('counts values and required evidence of a criterion; a criterion of computed indicators asks nothing', () => {
    const entries = new Map([
      ['TC1.1', entry('TC1.1', { computed: true })],
      ['TC2.1', entry('TC2.1', { evidence_required: true, self_value: '80' })],
      ['TC2.2', entry('TC2.2', { self_value: '2' })],
      ['TC2.3', entry('TC2.3')],
    ]);
    expect(completion(criteria[0]!, entries, new Set())).toEqual({ done: 0, total: 0 });
    expect(completion(criteria[1]!, entries, new Set())).toEqual({ done: 2, total: 4 });
  });
});

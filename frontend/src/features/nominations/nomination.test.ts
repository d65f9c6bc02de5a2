import { describe, expect, it } from 'vitest';
import {
  changeDraft,
  createBody,
  eligibilityRequest,
  emptyDraft,
  errorsUnder,
  findAward,
  itemError,
  needsOverride,
  nominationFieldErrors,
  offeredAwards,
  reasonLongEnough,
  reviewBody,
  sortRounds,
  summarise,
  toggleId,
  unitChoices,
  voteText,
  type NominationDraft,
} from './nomination';

const awards = [
  { code: 'GK-DV-CN', award_type_id: 1, name: 'Giấy khen của thủ trưởng đơn vị', level: 'unit', subject_kind: 'individual' },
  { code: 'GK-XA-TT', award_type_id: 2, name: 'Giấy khen của Chủ tịch UBND xã (tập thể)', level: 'commune', subject_kind: 'collective' },
  { code: 'GK-XA-CN', award_type_id: 3, name: 'Giấy khen của Chủ tịch UBND xã (cá nhân)', level: 'commune', subject_kind: 'individual' },
  { code: 'OLD', award_type_id: null, name: 'Hình thức cũ', level: null, subject_kind: null },
] as const;

const round = { id: 7, is_open: true, opens_on: '2026-05-01', award_types: [...awards] };
const other = { id: 8, is_open: false, opens_on: '2026-06-01', award_types: [awards[1]] };
const rounds = [round, other];

const draft = (d: Partial<NominationDraft>): NominationDraft => ({ ...emptyDraft(), ...d });

describe('sortRounds', () => {
  it('puts open rounds first, then the most recent', () => {
    const r = [
      { id: 1, is_open: false, opens_on: '2026-09-01' },
      { id: 2, is_open: true, opens_on: '2025-05-01' },
      { id: 3, is_open: true, opens_on: '2026-05-01' },
      { id: 4, is_open: false, opens_on: '2024-05-01' },
    ];
    expect(sortRounds(r).map((x) => x.id)).toEqual([3, 2, 1, 4]);
    expect(r.map((x) => x.id)).toEqual([1, 2, 3, 4]);
  });
});

describe('offeredAwards / findAward', () => {
  it('leaves out award types without a subject kind (no longer in force)', () => {
    expect(offeredAwards(round).map((a) => a.code)).toEqual(['GK-DV-CN', 'GK-XA-TT', 'GK-XA-CN']);
    expect(findAward(round, 'OLD')).toBeUndefined();
    expect(findAward(round, 'GK-XA-TT')?.level).toBe('commune');
    expect(findAward(null, 'GK-XA-TT')).toBeUndefined();
    expect(offeredAwards(undefined)).toEqual([]);
  });
});

describe('eligibilityRequest', () => {
  it('is null until round, award, unit (and staff for a person) are chosen', () => {
    expect(eligibilityRequest(draft({}), round)).toBeNull();
    expect(eligibilityRequest(draft({ roundId: 7 }), round)).toBeNull();
    expect(eligibilityRequest(draft({ roundId: 7, awardCode: 'GK-XA-CN' }), round)).toBeNull();
    expect(eligibilityRequest(draft({ roundId: 7, awardCode: 'GK-XA-CN', unitId: 3 }), round)).toBeNull();
    expect(eligibilityRequest(draft({ roundId: 7, awardCode: 'GK-XA-CN', unitId: 3, staffId: 11 }), null)).toBeNull();
  });

  it('asks for a person with their initiatives, sorted and without repeats', () => {
    expect(
      eligibilityRequest(draft({ roundId: 7, awardCode: 'GK-XA-CN', unitId: 3, staffId: 11, initiativeIds: [5, 2, 5] }), round),
    ).toEqual({ round_id: 7, award_type_code: 'GK-XA-CN', unit_id: 3, staff_id: 11, initiative_ids: [2, 5] });
  });

  it('asks for a collective without a person', () => {
    expect(eligibilityRequest(draft({ roundId: 7, awardCode: 'GK-XA-TT', unitId: 3, staffId: 11 }), round)).toEqual({
      round_id: 7,
      award_type_code: 'GK-XA-TT',
      unit_id: 3,
      staff_id: null,
      initiative_ids: [],
    });
  });

  it('does not ask for an award the round does not offer, or another round', () => {
    expect(eligibilityRequest(draft({ roundId: 7, awardCode: 'OLD', unitId: 3 }), round)).toBeNull();
    expect(eligibilityRequest(draft({ roundId: 8, awardCode: 'GK-XA-TT', unitId: 3 }), round)).toBeNull();
    expect(eligibilityRequest(draft({ roundId: 8, awardCode: 'GK-XA-CN', unitId: 3, staffId: 1 }), other)).toBeNull();
  });
});

describe('createBody', () => {
  it('adds the assessments and the trimmed justification to the request', () => {
    expect(
      createBody(
        draft({ roundId: 7, awardCode: 'GK-DV-CN', unitId: 3, staffId: 11, assessmentIds: [9, 4], justification: '  Giỏi  ' }),
        round,
      ),
    ).toEqual({
      round_id: 7,
      award_type_code: 'GK-DV-CN',
      unit_id: 3,
      staff_id: 11,
      initiative_ids: [],
      assessment_ids: [4, 9],
      justification: 'Giỏi',
    });
    expect(createBody(draft({ roundId: 7 }), round)).toBeNull();
  });
});

describe('changeDraft', () => {
  const person = draft({ roundId: 7, awardCode: 'GK-XA-CN', unitId: 3, staffId: 11, initiativeIds: [1], assessmentIds: [2], justification: 'x' });

  it('drops an award the new round does not offer, and the person with it', () => {
    const next = changeDraft(person, { roundId: 8 }, rounds);
    expect(next.awardCode).toBe('');
    expect(next.staffId).toBeNull();
    expect(next.initiativeIds).toEqual([]);
    expect(next.justification).toBe('x');
  });

  it('keeps an award the new round also offers', () => {
    const collective = draft({ roundId: 7, awardCode: 'GK-XA-TT', unitId: 3, initiativeIds: [1] });
    expect(changeDraft(collective, { roundId: 8 }, rounds)).toEqual({ ...collective, roundId: 8 });
  });

  it('drops the person and the links for a collective award', () => {
    const next = changeDraft(person, { awardCode: 'GK-XA-TT' }, rounds);
    expect(next).toMatchObject({ staffId: null, initiativeIds: [], assessmentIds: [], unitId: 3 });
  });

  it('keeps the person between two individual awards', () => {
    expect(changeDraft(person, { awardCode: 'GK-DV-CN' }, rounds)).toEqual({ ...person, awardCode: 'GK-DV-CN' });
  });

  it('drops the person and the links when the unit changes', () => {
    expect(changeDraft(person, { unitId: 4 }, rounds)).toMatchObject({ unitId: 4, staffId: null, initiativeIds: [], assessmentIds: [] });
  });

  it('drops the links of the previous person', () => {
    expect(changeDraft(person, { staffId: 12 }, rounds)).toMatchObject({ staffId: 12, initiativeIds: [], assessmentIds: [] });
  });

  it('changes the links alone', () => {
    expect(changeDraft(person, { initiativeIds: [1, 3] }, rounds)).toEqual({ ...person, initiativeIds: [1, 3] });
  });
});

describe('toggleId', () => {
  it('adds once and removes', () => {
    expect(toggleId([1, 2], 3, true)).toEqual([1, 2, 3]);
    expect(toggleId([1, 2], 2, true)).toEqual([1, 2]);
    expect(toggleId([1, 2], 1, false)).toEqual([2]);
  });
});

describe('summarise', () => {
  it('counts the outcomes and keeps the reasons of the failed ones; the verdict is the server’s', () => {
    const s = summarise({
      eligible: false,
      outcomes: [
        { index: 0, kind: 'scorecard', passed: true, reason: 'Đạt xếp loại.' },
        { index: 1, kind: 'initiatives', passed: false, reason: 'Chưa có sáng kiến được công nhận.' },
        { index: 2, kind: 'quota', passed: false, reason: 'Vượt hạn mức.' },
      ],
    });
    expect(s).toEqual({
      eligible: false,
      total: 3,
      passed: 1,
      failed: 2,
      failedReasons: ['Chưa có sáng kiến được công nhận.', 'Vượt hạn mức.'],
    });
    expect(summarise({ eligible: true, outcomes: [] })).toMatchObject({ eligible: true, total: 0, failed: 0 });
  });
});

describe('unitChoices', () => {
  const units = [
    { id: 1, kind: 'commune', is_active: true, name: 'UBND xã' },
    { id: 2, kind: 'office', is_active: true, name: 'Phòng VH-XH' },
    { id: 3, kind: 'school', is_active: true, name: 'THCS Thanh Thủy' },
    { id: 4, kind: 'subject_group', is_active: true, name: 'Tổ Toán' },
    { id: 5, kind: 'school', is_active: false, name: 'Trường cũ' },
  ] as const;
  it('offers schools for a collective award', () => {
    expect(unitChoices(units, awards[1], null).map((o) => o.value)).toEqual(['3']);
  });
  it('offers every unit but subject groups for a person', () => {
    expect(unitChoices(units, awards[0], null).map((o) => o.value)).toEqual(['1', '2', '3']);
  });
  it('always offers the user’s own unit', () => {
    expect(unitChoices(units, awards[1], 4).map((o) => o.value)).toEqual(['3', '4']);
  });
});

describe('nominationFieldErrors / itemError / errorsUnder', () => {
  const errors = nominationFieldErrors({
    status: 422,
    errors: [
      { path: 'body.override_reason', message: 'Cần ghi rõ lý do.' },
      { path: 'body.initiative_ids.1', message: 'Sáng kiến đã được dùng.' },
      { path: 'body.initiative_ids', message: 'Sáng kiến bị lặp.' },
      { path: 'query.limit', message: 'ignored' },
      { path: 'body.override_reason', message: 'Ít nhất 10 ký tự.' },
    ],
  });
  it('keys errors by the path below the body', () => {
    expect(errors).toEqual({
      override_reason: 'Cần ghi rõ lý do. Ít nhất 10 ký tự.',
      'initiative_ids.1': 'Sáng kiến đã được dùng.',
      initiative_ids: 'Sáng kiến bị lặp.',
    });
    expect(nominationFieldErrors(null)).toEqual({});
  });
  it('finds the error of an item by its place in what was sent', () => {
    expect(itemError(errors, 'initiative_ids', [8, 9], 9)).toBe('Sáng kiến đã được dùng.');
    expect(itemError(errors, 'initiative_ids', [8, 9], 8)).toBeUndefined();
    expect(itemError(errors, 'initiative_ids', [8, 9], 10)).toBeUndefined();
  });
  it('collects every message under a field', () => {
    expect(errorsUnder(errors, 'initiative_ids').sort()).toEqual(['Sáng kiến bị lặp.', 'Sáng kiến đã được dùng.']);
  });
});

describe('reasons, override, review', () => {
  it('accepts a reason of at least 10 characters after trimming', () => {
    expect(reasonLongEnough('  ngắn  ')).toBe(false);
    expect(reasonLongEnough('123456789')).toBe(false);
    expect(reasonLongEnough('Thành tích xuất sắc')).toBe(true);
  });

  it('asks for an override reason when the server says not eligible or asked for one', () => {
    expect(needsOverride({ eligibility: { eligible: false, outcomes: [] } }, {})).toBe(true);
    expect(needsOverride({ eligibility: { eligible: true, outcomes: [] } }, {})).toBe(false);
    expect(needsOverride({ eligibility: { eligible: true, outcomes: [] } }, { override_reason: 'Cần lý do.' })).toBe(true);
  });

  it('builds the council vote or names the missing fields', () => {
    expect(reviewBody({ meetingId: '4', votesFor: '7', votesCast: ' 9 ', comment: ' Nhất trí ' })).toEqual({
      body: { meeting_id: 4, votes_for: 7, votes_cast: 9, comment: 'Nhất trí' },
    });
    expect(reviewBody({ meetingId: '', votesFor: '0', votesCast: 'x', comment: '' })).toEqual({ missing: ['meetingId', 'votesCast'] });
  });

  it('writes the vote share', () => {
    expect(voteText({ votes_for: 7, votes_cast: 9, vote_share_percent: '77.78' }, true)).toBe('7/9 (77,78%)');
    expect(voteText({ votes_for: 7, votes_cast: 9, vote_share_percent: '77.78' }, false)).toBe('7/9 (77.78%)');
    expect(voteText({ votes_for: null, votes_cast: null, vote_share_percent: null }, true)).toBeNull();
  });
});

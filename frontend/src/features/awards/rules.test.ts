import { describe, expect, it } from 'vitest';
import type { AwardType } from '../../api/types';
import vi from '../../locales/vi.json';
import en from '../../locales/en.json';
import {
  RULE_FIELDS,
  RULE_KINDS,
  SIMPLE_RULE_KINDS,
  changeKind,
  defaultRule,
  editorErrors,
  editorPath,
  fieldError,
  fromRule,
  isShownPath,
  moveItem,
  newAwardTypeDraft,
  removeItem,
  toAwardTypeDocument,
  toAwardTypeDraft,
  toRule,
  visibleFields,
} from './rules';

/** The catalogue's GK-XA-TT, GK-XA-CN and BK-TINH-TT rules as the API stores them. */
const CATALOGUE_RULES: Record<string, unknown>[] = [
  { kind: 'scorecard', min_classification: 'excellent', consecutive_years: 2 },
  { kind: 'indicator', indicator_code: 'TC5.2', op: 'eq', value: '0' },
  { kind: 'quota', percent: '30', of: 'commune_units' },
  { kind: 'initiatives', min_count: 1, min_level: 'unit', span: 'year' },
  { kind: 'no_open_flag', flag_kind: 'disciplinary' },
  { kind: 'award_held', award_type_code: 'GK-XA-TT', min_count: 1, span: 'round' },
  { kind: 'staff_rating', min_rating: 'good', consecutive_years: 1 },
  { kind: 'members', award_type_code: 'LDTT', min_percent: '50', more_than: true },
  {
    kind: 'any_of',
    rules: [
      { kind: 'initiatives', min_count: 1, min_level: 'unit', span: 'year' },
      { kind: 'initiatives', min_count: 1, min_level: 'unit', span: 'year', initiative_kinds: ['research'] },
    ],
  },
];

describe('default rules', () => {
  it('exist for every kind and are valid as sent', () => {
    for (const kind of RULE_KINDS) {
      const rule = toRule(defaultRule(kind)) as unknown as Record<string, unknown>;
      expect(rule.kind).toBe(kind);
      for (const f of RULE_FIELDS[kind])
        if ('required' in f && f.required && (!f.when || f.when.equals === rule[f.when.field]) && f.type !== 'code' && f.name !== 'value')
          expect(rule[f.name], `${kind}.${f.name}`).toBeDefined();
    }
  });

  it('give the catalogue defaults', () => {
    expect(toRule(defaultRule('scorecard'))).toEqual({ kind: 'scorecard', min_classification: 'good', consecutive_years: 1 });
    expect(toRule(defaultRule('initiatives'))).toEqual({ kind: 'initiatives', min_count: 1, min_level: 'unit', span: 'year' });
    expect(toRule(defaultRule('quota'))).toEqual({ kind: 'quota', percent: '30', of: 'eligible' });
    expect(toRule(defaultRule('no_open_flag'))).toEqual({ kind: 'no_open_flag', flag_kind: 'disciplinary' });
  });

  it('start "any of" with two simple rules (its minimum)', () => {
    const anyOf = defaultRule('any_of');
    expect(anyOf.rules).toHaveLength(2);
    for (const r of anyOf.rules) expect(SIMPLE_RULE_KINDS).toContain(r.kind);
  });

  it('reset the values when the kind changes', () => {
    const rule = fromRule({ kind: 'indicator', indicator_code: 'TC5.2', op: 'eq', value: '0' });
    expect(changeKind(rule, 'indicator')).toBe(rule);
    expect(toRule(changeKind(rule, 'staff_rating'))).toEqual({ kind: 'staff_rating', min_rating: 'good', consecutive_years: 1 });
  });
});

describe('rules sent to the API', () => {
  it('round-trip the catalogue rules unchanged', () => {
    for (const raw of CATALOGUE_RULES) expect(toRule(fromRule(raw))).toEqual(raw);
  });

  it('leave out empty optional fields, unset flags and empty lists', () => {
    const rule = defaultRule('members');
    rule.values.award_type_code = '  ';
    rule.values.min_rating = 'good';
    rule.values.min_count = '';
    rule.values.min_percent = '';
    expect(toRule(rule)).toEqual({ kind: 'members', min_rating: 'good' });
    const initiatives = defaultRule('initiatives');
    expect(toRule(initiatives)).not.toHaveProperty('initiative_kinds');
  });

  it('leave out fields hidden for the current values', () => {
    const held = fromRule({ kind: 'award_held', span: 'recent', years: 3 });
    expect(toRule(held)).toEqual({ kind: 'award_held', span: 'recent', years: 3, min_count: 1 });
    held.values.span = 'round';
    expect(toRule(held)).not.toHaveProperty('years');
    expect(visibleFields(held).map((f) => f.name)).not.toContain('years');
    const quota = fromRule({ kind: 'quota', percent: '15', of: 'unit_staff', award_type_code: 'LDTT' });
    expect(toRule(quota)).toEqual({ kind: 'quota', percent: '15', of: 'unit_staff' });
  });

  it('send whole numbers as numbers, decimals as strings with a dot, and keep bad text for the server', () => {
    const sc = defaultRule('scorecard');
    sc.values.consecutive_years = ' 2 ';
    sc.values.min_completion = '85,5';
    expect(toRule(sc)).toMatchObject({ consecutive_years: 2, min_completion: '85.5' });
    sc.values.consecutive_years = 'hai';
    expect(toRule(sc)).toMatchObject({ consecutive_years: 'hai' });
  });

  it('leave out a required field left empty so the server reports it at its path', () => {
    const ind = defaultRule('indicator');
    expect(toRule(ind)).toEqual({ kind: 'indicator', op: 'ge' });
  });

  it('reads numbers of the API as the inputs show them', () => {
    const rule = fromRule({ kind: 'quota', percent: '30.00', of: 'eligible' });
    expect(rule.values.percent).toBe('30');
    expect(fromRule({ kind: 'scorecard' }).values.consecutive_years).toBe('1');
  });
});

describe('list editing', () => {
  it('moves, clamps and removes', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });
});

describe('award type document', () => {
  const awardType = {
    id: 3,
    code: 'GK-XA-TT',
    name: ' Giấy khen của Chủ tịch UBND xã ',
    level: 'commune',
    granting_authority: 'commune_chairman',
    subject_kind: 'collective',
    round_kinds: ['annual'],
    rules: CATALOGUE_RULES.slice(0, 3),
    themed: true,
    merit_based: false,
    description: 'Tập thể hoàn thành xuất sắc. ',
    cash_coefficient: '0.30',
  } as unknown as AwardType;

  it('round-trips through the draft, trimmed', () => {
    const doc = toAwardTypeDocument(toAwardTypeDraft(awardType));
    expect(doc).toEqual({
      code: 'GK-XA-TT',
      name: 'Giấy khen của Chủ tịch UBND xã',
      level: 'commune',
      granting_authority: 'commune_chairman',
      subject_kind: 'collective',
      round_kinds: ['annual'],
      themed: true,
      merit_based: false,
      description: 'Tập thể hoàn thành xuất sắc.',
      cash_coefficient: '0.30',
      rules: CATALOGUE_RULES.slice(0, 3),
    });
  });

  it('reads a cash coefficient written with a decimal comma, and none when empty', () => {
    const draft = toAwardTypeDraft(awardType);
    expect(draft.cash_coefficient).toBe('0,30');
    expect(toAwardTypeDocument({ ...draft, cash_coefficient: ' 0,15 ' }).cash_coefficient).toBe('0.15');
    expect(toAwardTypeDocument({ ...draft, cash_coefficient: '' }).cash_coefficient).toBeNull();
  });

  it('starts a new award type as a themed commune award without rules', () => {
    expect(toAwardTypeDocument(newAwardTypeDraft())).toMatchObject({ level: 'commune', granting_authority: 'commune_chairman', themed: true, rules: [] });
  });
});

describe('error paths', () => {
  it('drop the body prefix and the union tag of a rule', () => {
    expect(editorPath('body.rules.2.indicator_code')).toBe('rules.2.indicator_code');
    expect(editorPath('body.rules.2.indicator.indicator_code')).toBe('rules.2.indicator_code');
    expect(editorPath('body.rules.3.any_of.rules.1.scorecard.min_completion')).toBe('rules.3.rules.1.min_completion');
    expect(editorPath('body.rules.0.quota')).toBe('rules.0');
    expect(editorPath('body.round_kinds.1')).toBe('round_kinds');
    expect(editorPath('body.code')).toBe('code');
    expect(editorPath('query.limit')).toBeNull();
  });

  it('join several messages for one field', () => {
    const errors = editorErrors({
      status: 422,
      errors: [
        { path: 'body.rules.1.indicator.value', message: 'Phải là số.' },
        { path: 'body.rules.1.value', message: 'Sai.' },
        { path: 'body.rules.0.initiative_kinds.1', message: 'Không hợp lệ.' },
      ],
    });
    expect(errors['rules.1.value']).toBe('Phải là số. Sai.');
    expect(fieldError(errors, 'rules.0.initiative_kinds')).toBe('Không hợp lệ.');
  });

  it('know which paths are shown next to a field', () => {
    const draft = newAwardTypeDraft();
    draft.rules = [fromRule(CATALOGUE_RULES[1]!), fromRule(CATALOGUE_RULES[8]!), fromRule({ kind: 'award_held', span: 'round' })];
    expect(isShownPath('code', draft)).toBe(true);
    expect(isShownPath('rules', draft)).toBe(true);
    expect(isShownPath('rules.0', draft)).toBe(true);
    expect(isShownPath('rules.0.kind', draft)).toBe(true);
    expect(isShownPath('rules.0.indicator_code', draft)).toBe(true);
    expect(isShownPath('rules.0.percent', draft)).toBe(false);
    expect(isShownPath('rules.1.rules.1.initiative_kinds.0', draft)).toBe(true);
    expect(isShownPath('rules.1.rules.5', draft)).toBe(false);
    expect(isShownPath('rules.2.years', draft)).toBe(false);
    expect(isShownPath('rules.7.kind', draft)).toBe(false);
    expect(isShownPath('movement_id', draft)).toBe(false);
  });
});

describe('labels', () => {
  type Tree = { [k: string]: string | Tree };
  const get = (tree: Tree, path: string) =>
    path.split('.').reduce<string | Tree | undefined>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), tree);

  it('exist in both languages for every rule kind, field and option', () => {
    for (const catalogue of [vi, en] as unknown as Tree[]) {
      for (const kind of RULE_KINDS) {
        expect(get(catalogue, `awards.ruleKinds.${kind}`), kind).toBeTypeOf('string');
        for (const f of RULE_FIELDS[kind]) {
          expect(get(catalogue, `awards.ruleFields.${f.name}`), f.name).toBeTypeOf('string');
          if (f.type === 'select' || f.type === 'multi')
            for (const o of f.options) expect(get(catalogue, `awards.${f.labels}.${o}`), `${f.labels}.${o}`).toBeTypeOf('string');
        }
      }
    }
  });
});

/**
 * The award type editor's form logic, kept pure (no React): the rule vocabulary as data, a default
 * rule per kind, conversion between the API's rules and the editable (all-text) draft, cleaning of
 * empty optional fields before sending, and placing the server's error paths at the right field.
 * Eligibility is never evaluated here: the server's engine is the only judge.
 */
import type {
  AwardLevel,
  AwardRule,
  AwardSubjectKind,
  AwardType,
  AwardTypeDocument,
  GrantingAuthority,
  RoundKind,
} from '../../api/types';
import type { ProblemDetails } from '../../api/problem';
import type { components } from '../../api/schema';
import { valueToInput } from '../../lib/indicators';

export const RULE_KINDS = [
  'scorecard',
  'initiatives',
  'award_held',
  'indicator',
  'no_open_flag',
  'staff_rating',
  'headed_school',
  'members',
  'quota',
  'any_of',
] as const satisfies readonly AwardRule['kind'][];
export type RuleKind = (typeof RULE_KINDS)[number];

/** Kinds allowed inside "any of" (no quota, no nesting). */
export const SIMPLE_RULE_KINDS = [
  'scorecard',
  'initiatives',
  'award_held',
  'indicator',
  'no_open_flag',
  'staff_rating',
  'headed_school',
  'members',
] as const satisfies readonly RuleKind[];

// The default classification bands are scoring's (GET /scorecards/classification); the contract's
// ClassificationCode keeps this list equal to them at compile time.
type ClassificationCode = components['schemas']['ClassificationCode'];
export const CLASSIFICATIONS = ['excellent', 'good', 'completed', 'not_completed'] as const satisfies readonly ClassificationCode[];
export const RECOGNITION_LEVELS = ['unit', 'commune', 'province'] as const;
export const INITIATIVE_KINDS = ['initiative', 'solution', 'research', 'digital_material', 'article'] as const;
export const STAFF_RATINGS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export const FLAG_KINDS = ['disciplinary', 'security_incident'] as const;
export const SEVERITIES = ['reprimand', 'warning', 'demotion', 'dismissal'] as const;
export const OPS = ['ge', 'gt', 'eq', 'ne', 'le', 'lt'] as const;
export const QUOTA_BASES = ['eligible', 'unit_staff', 'commune_staff', 'commune_units', 'unit_award_holders'] as const;
export const INITIATIVE_SPANS = ['year', 'round'] as const;
export const AWARD_SPANS = ['year', 'round', 'recent'] as const;

/** Where the labels of a select's options live in the locale files: `awards.<labels>.<value>`. */
export type OptionLabels =
  | 'classes'
  | 'recognitionLevels'
  | 'initiativeKinds'
  | 'staffRatings'
  | 'flagKinds'
  | 'severities'
  | 'ops'
  | 'quotaBases'
  | 'spans';

/** Show a field only when another field of the rule has a value. */
interface When {
  field: string;
  equals: string;
}

export type FieldSpec =
  /** whole number (count, years) */
  | { name: string; type: 'int'; required?: boolean; default?: string; when?: When }
  /** decimal sent as a string ("30", "85.5"); a decimal comma is accepted */
  | { name: string; type: 'decimal'; required?: boolean; default?: string; when?: When }
  /** a code (award type, indicator) */
  | { name: string; type: 'code'; required?: boolean; default?: string; when?: When; suggest: 'awardTypes' | 'indicators' }
  | { name: string; type: 'select'; options: readonly string[]; labels: OptionLabels; required?: boolean; default?: string; when?: When }
  | { name: string; type: 'bool'; when?: When }
  | { name: string; type: 'multi'; options: readonly string[]; labels: OptionLabels; when?: When };

/** The fields of each kind (the Rule schemas of the API); `required` ones have no empty choice. */
export const RULE_FIELDS: Record<RuleKind, readonly FieldSpec[]> = {
  scorecard: [
    { name: 'min_classification', type: 'select', options: CLASSIFICATIONS, labels: 'classes', default: 'good' },
    { name: 'min_completion', type: 'decimal' },
    { name: 'consecutive_years', type: 'int', required: true, default: '1' },
  ],
  initiatives: [
    { name: 'min_count', type: 'int', required: true, default: '1' },
    { name: 'min_level', type: 'select', options: RECOGNITION_LEVELS, labels: 'recognitionLevels', required: true, default: 'unit' },
    { name: 'span', type: 'select', options: INITIATIVE_SPANS, labels: 'spans', required: true, default: 'year' },
    { name: 'initiative_kinds', type: 'multi', options: INITIATIVE_KINDS, labels: 'initiativeKinds' },
  ],
  award_held: [
    { name: 'award_type_code', type: 'code', suggest: 'awardTypes' },
    { name: 'min_count', type: 'int', required: true, default: '1' },
    { name: 'consecutive', type: 'bool' },
    { name: 'span', type: 'select', options: AWARD_SPANS, labels: 'spans', required: true, default: 'round' },
    { name: 'years', type: 'int', when: { field: 'span', equals: 'recent' } },
  ],
  indicator: [
    { name: 'indicator_code', type: 'code', required: true, suggest: 'indicators' },
    { name: 'op', type: 'select', options: OPS, labels: 'ops', required: true, default: 'ge' },
    { name: 'value', type: 'decimal', required: true },
  ],
  no_open_flag: [
    { name: 'flag_kind', type: 'select', options: FLAG_KINDS, labels: 'flagKinds', required: true, default: 'disciplinary' },
    { name: 'min_severity', type: 'select', options: SEVERITIES, labels: 'severities', when: { field: 'flag_kind', equals: 'disciplinary' } },
    { name: 'of_members', type: 'bool' },
  ],
  staff_rating: [
    { name: 'min_rating', type: 'select', options: STAFF_RATINGS, labels: 'staffRatings', required: true, default: 'good' },
    { name: 'consecutive_years', type: 'int', required: true, default: '1' },
  ],
  headed_school: [
    { name: 'min_classification', type: 'select', options: CLASSIFICATIONS, labels: 'classes', required: true, default: 'good' },
    { name: 'consecutive_years', type: 'int', required: true, default: '1' },
  ],
  members: [
    { name: 'award_type_code', type: 'code', suggest: 'awardTypes' },
    { name: 'min_rating', type: 'select', options: STAFF_RATINGS, labels: 'staffRatings' },
    { name: 'min_percent', type: 'decimal' },
    { name: 'more_than', type: 'bool' },
    { name: 'min_count', type: 'int' },
  ],
  quota: [
    { name: 'percent', type: 'decimal', required: true, default: '30' },
    { name: 'of', type: 'select', options: QUOTA_BASES, labels: 'quotaBases', required: true, default: 'eligible' },
    { name: 'award_type_code', type: 'code', suggest: 'awardTypes', when: { field: 'of', equals: 'unit_award_holders' } },
  ],
  any_of: [],
};

export type DraftValue = string | boolean | string[];

/** One rule as the editor holds it: every value as typed. `rules` is used by "any of" only. */
export interface DraftRule {
  kind: RuleKind;
  values: Record<string, DraftValue>;
  rules: DraftRule[];
}

export function isRuleKind(value: unknown): value is RuleKind {
  return RULE_KINDS.includes(value as RuleKind);
}

/** Whether a field is shown (and sent) for the rule's current values. */
export function fieldVisible(spec: FieldSpec, values: Record<string, DraftValue>): boolean {
  return !spec.when || values[spec.when.field] === spec.when.equals;
}

/** The fields of a rule that are shown now. */
export function visibleFields(rule: DraftRule): FieldSpec[] {
  return RULE_FIELDS[rule.kind].filter((f) => fieldVisible(f, rule.values));
}

function emptyValue(spec: FieldSpec): DraftValue {
  switch (spec.type) {
    case 'bool':
      return false;
    case 'multi':
      return [];
    default:
      return spec.default ?? '';
  }
}

/** A new rule of a kind with sensible defaults; "any of" starts with two simple rules (its minimum). */
export function defaultRule(kind: RuleKind): DraftRule {
  const values: Record<string, DraftValue> = {};
  for (const f of RULE_FIELDS[kind]) values[f.name] = emptyValue(f);
  return {
    kind,
    values,
    rules: kind === 'any_of' ? [defaultRule('initiatives'), defaultRule('award_held')] : [],
  };
}

/** A rule of the API (as stored on the award type) → the editable draft. */
export function fromRule(raw: Record<string, unknown>): DraftRule {
  const kind = isRuleKind(raw.kind) ? raw.kind : 'scorecard';
  const values: Record<string, DraftValue> = {};
  for (const f of RULE_FIELDS[kind]) {
    const v = raw[f.name];
    if (f.type === 'bool') values[f.name] = v === true;
    else if (f.type === 'multi') values[f.name] = Array.isArray(v) ? v.map(String) : [];
    else if (v === undefined || v === null) values[f.name] = f.required ? (f.default ?? '') : '';
    else if (f.type === 'decimal' || f.type === 'int') values[f.name] = valueToInput(String(v));
    else values[f.name] = String(v);
  }
  const rules =
    kind === 'any_of' && Array.isArray(raw.rules)
      ? raw.rules.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object').map(fromRule)
      : [];
  return { kind, values, rules };
}

const text = (v: DraftValue | undefined) => (typeof v === 'string' ? v.trim() : '');

/**
 * The draft → the rule sent to the API. Empty optional fields, unset flags, empty lists and fields
 * hidden for the current values are left out; a required field left empty is left out too, so the
 * server reports it at its own path. Whole numbers are sent as numbers, decimals as strings; text
 * that is not a number is sent as typed for the server to report.
 */
export function toRule(rule: DraftRule): AwardRule {
  const out: Record<string, unknown> = { kind: rule.kind };
  for (const f of visibleFields(rule)) {
    const v = rule.values[f.name];
    switch (f.type) {
      case 'bool':
        if (v === true) out[f.name] = true;
        break;
      case 'multi':
        if (Array.isArray(v) && v.length > 0) out[f.name] = [...v];
        break;
      case 'int': {
        const s = text(v);
        if (s !== '') out[f.name] = /^\d+$/.test(s) ? Number(s) : s;
        break;
      }
      case 'decimal': {
        const s = text(v).replace(/\s+/g, '').replace(',', '.');
        if (s !== '') out[f.name] = s;
        break;
      }
      default: {
        const s = text(v);
        if (s !== '') out[f.name] = s;
      }
    }
  }
  if (rule.kind === 'any_of') out.rules = rule.rules.map(toRule);
  return out as unknown as AwardRule;
}

/** A rule switched to another kind starts again from that kind's defaults. */
export function changeKind(rule: DraftRule, kind: RuleKind): DraftRule {
  return rule.kind === kind ? rule : defaultRule(kind);
}

// --- list editing ---------------------------------------------------------------------------------

/** The list with the item at `from` moved to `to` (clamped); the same list when nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from < 0 || from >= list.length || from === target) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function replaceItem<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

// --- the whole award type document ----------------------------------------------------------------

export interface AwardTypeDraft {
  code: string;
  name: string;
  level: AwardLevel;
  granting_authority: GrantingAuthority;
  subject_kind: AwardSubjectKind;
  round_kinds: RoundKind[];
  themed: boolean;
  merit_based: boolean;
  description: string;
  /** Cash coefficient × base salary, as typed ("0,15" or "0.15"); empty: no cash. */
  cash_coefficient: string;
  rules: DraftRule[];
}

/** Who usually grants an award of a level (a default when the level changes; the server checks). */
export const AUTHORITY_OF_LEVEL: Record<AwardLevel, GrantingAuthority> = {
  unit: 'unit_head',
  commune: 'commune_chairman',
  province: 'province_chairman',
};

export function newAwardTypeDraft(): AwardTypeDraft {
  return {
    code: '',
    name: '',
    level: 'commune',
    granting_authority: 'commune_chairman',
    subject_kind: 'individual',
    round_kinds: ['annual'],
    themed: true,
    merit_based: false,
    description: '',
    cash_coefficient: '',
    rules: [],
  };
}

export function toAwardTypeDraft(t: AwardType): AwardTypeDraft {
  return {
    code: t.code,
    name: t.name,
    level: t.level,
    granting_authority: t.granting_authority,
    subject_kind: t.subject_kind,
    round_kinds: [...t.round_kinds],
    themed: t.themed,
    merit_based: t.merit_based,
    description: t.description,
    cash_coefficient: t.cash_coefficient == null ? '' : String(t.cash_coefficient).replace('.', ','),
    rules: t.rules.map(fromRule),
  };
}

/** The POST/PUT body. */
export function toAwardTypeDocument(d: AwardTypeDraft): AwardTypeDocument {
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    level: d.level,
    granting_authority: d.granting_authority,
    subject_kind: d.subject_kind,
    round_kinds: [...d.round_kinds],
    themed: d.themed,
    merit_based: d.merit_based,
    description: d.description.trim(),
    // Vietnamese decimal comma accepted; the server checks the value and names the field.
    cash_coefficient: d.cash_coefficient.trim() === '' ? null : d.cash_coefficient.trim().replace(',', '.'),
    rules: d.rules.map(toRule),
  };
}

// --- errors ---------------------------------------------------------------------------------------

const KIND_SEGMENT = new RegExp(`(^|\\.)rules\\.(\\d+)\\.(?:${RULE_KINDS.join('|')})(?=\\.|$)`, 'g');

/**
 * A problem path → the editor's key: "body." is dropped, and the union tag pydantic puts after a
 * rule's index is removed ("body.rules.2.indicator.indicator_code" → "rules.2.indicator_code");
 * "round_kinds.1" is the round kinds field.
 */
export function editorPath(path: string): string | null {
  const parts = path.split('.');
  if (parts[0] !== 'body' || parts.length < 2) return null;
  const key = parts.slice(1).join('.').replace(KIND_SEGMENT, '$1rules.$2');
  return /^round_kinds\.\d+$/.test(key) ? 'round_kinds' : key;
}

/** Field errors of the editor keyed by editor path (several messages for one path are joined). */
export function editorErrors(problem: ProblemDetails | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const err of problem?.errors ?? []) {
    const key = editorPath(err.path);
    if (key === null) continue;
    out[key] = out[key] ? `${out[key]} ${err.message}` : err.message;
  }
  return out;
}

const TOP_FIELDS = [
  'code',
  'name',
  'level',
  'granting_authority',
  'subject_kind',
  'round_kinds',
  'themed',
  'merit_based',
  'description',
  'cash_coefficient',
  'rules',
];

function ruleShows(rule: DraftRule | undefined, rest: string[]): boolean {
  if (!rule) return false;
  if (rest.length === 0) return true;
  const [head, ...tail] = rest;
  if (head === 'kind' && tail.length === 0) return true;
  if (head === 'rules' && rule.kind === 'any_of') {
    if (tail.length === 0) return true;
    if (!/^\d+$/.test(tail[0]!)) return false;
    return ruleShows(rule.rules[Number(tail[0])], tail.slice(1));
  }
  return tail.length === 0 || (tail.length === 1 && /^\d+$/.test(tail[0]!))
    ? visibleFields(rule).some((f) => f.name === head)
    : false;
}

/** Whether the editor shows an error path next to a field (otherwise it goes to the banner). */
export function isShownPath(path: string, draft: AwardTypeDraft): boolean {
  if (TOP_FIELDS.includes(path)) return true;
  const m = /^rules\.(\d+)(?:\.(.*))?$/.exec(path);
  if (!m) return false;
  return ruleShows(draft.rules[Number(m[1])], m[2] ? m[2].split('.') : []);
}

/** Errors of one field, including those of its items ("initiative_kinds.0" → "initiative_kinds"). */
export function fieldError(errors: Record<string, string>, key: string): string | undefined {
  const messages = Object.entries(errors)
    .filter(([k]) => k === key || (k.startsWith(`${key}.`) && /^\d+$/.test(k.slice(key.length + 1))))
    .map(([, v]) => v);
  return messages.length ? messages.join(' ') : undefined;
}

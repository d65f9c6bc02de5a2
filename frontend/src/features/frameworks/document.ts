/** Editable (all-text) form of a framework document, and conversion to/from the API shapes. */
import type { Framework, FrameworkDocument, IndicatorIn } from '../../api/types';
import { valueToInput } from '../../lib/indicators';

export interface DraftIndicator {
  code: string;
  name: string;
  kind: IndicatorIn['kind'];
  rule: IndicatorIn['rule'];
  direction: NonNullable<IndicatorIn['direction']>;
  target: string;
  max_points: string;
  bands: { min_value: string; points: string }[];
  levels: { value: string; label: string }[];
  evidence_required: boolean;
  is_gate: boolean;
  content_area_code: string;
  source: string;
  moet_4725: string;
}

export interface DraftCriterion {
  code: string;
  name: string;
  indicators: DraftIndicator[];
}

export interface Draft {
  movement_id: number;
  code: string;
  name: string;
  subject_kind: FrameworkDocument['subject_kind'];
  criteria: DraftCriterion[];
  classification: FrameworkDocument['classification'];
}

export function toDraft(f: Framework): Draft {
  return {
    movement_id: f.movement_id,
    code: f.code,
    name: f.name,
    subject_kind: f.subject_kind,
    classification: f.classification,
    criteria: f.criteria.map((c) => ({
      code: c.code,
      name: c.name,
      indicators: c.indicators.map((i) => ({
        code: i.code,
        name: i.name,
        kind: i.kind,
        rule: i.rule,
        direction: i.direction,
        target: valueToInput(i.target),
        max_points: valueToInput(i.max_points),
        bands: i.bands.map((b) => ({ min_value: valueToInput(b.min_value), points: valueToInput(b.points) })),
        levels: i.levels.map((l) => ({ value: String(l.value), label: l.label })),
        evidence_required: i.evidence_required,
        is_gate: i.is_gate,
        content_area_code: i.content_area_code ?? '',
        source: i.source ?? '',
        moet_4725: i.moet_4725 ?? '',
      })),
    })),
  };
}

export function newIndicator(code: string): DraftIndicator {
  return {
    code,
    name: '',
    kind: 'boolean',
    rule: 'threshold',
    direction: 'higher',
    target: '1',
    max_points: '',
    bands: [],
    levels: [],
    evidence_required: false,
    is_gate: false,
    content_area_code: '',
    source: '',
    moet_4725: '',
  };
}

export function newCriterion(code: string): DraftCriterion {
  return { code, name: '', indicators: [newIndicator(`${code}.1`)] };
}

/** "TC2" + existing ["TC2.1","TC2.3"] → "TC2.4" */
export function nextIndicatorCode(criterionCode: string, existing: readonly string[]): string {
  const numbers = existing
    .map((c) => (c.startsWith(`${criterionCode}.`) ? Number(c.slice(criterionCode.length + 1)) : NaN))
    .filter((n) => Number.isInteger(n));
  return `${criterionCode}.${numbers.length ? Math.max(...numbers) + 1 : 1}`;
}

/** "TC" + existing ["TC1","TC5"] → "TC6"; the prefix is taken from the existing codes. */
export function nextCriterionCode(existing: readonly string[]): string {
  const last = existing[existing.length - 1] ?? 'TC0';
  const m = /^(.*?)(\d+)$/.exec(last);
  const prefix = m?.[1] ?? 'TC';
  const numbers = existing.map((c) => (c.startsWith(prefix) ? Number(c.slice(prefix.length)) : NaN)).filter(Number.isInteger);
  return `${prefix}${numbers.length ? Math.max(...numbers) + 1 : 1}`;
}

const blankToNull = (v: string) => (v.trim() === '' ? null : v.trim());
/** Numbers are sent as decimal strings ("7", "85.5"); a decimal comma is accepted. */
const decimal = (v: string) => v.trim().replace(',', '.');

/** The PUT/POST body. Text that is not a number is sent as typed, so the server reports it at its path. */
export function toDocument(d: Draft): FrameworkDocument {
  return {
    movement_id: d.movement_id,
    code: d.code.trim(),
    name: d.name.trim(),
    subject_kind: d.subject_kind,
    classification: d.classification,
    criteria: d.criteria.map((c) => ({
      code: c.code.trim(),
      name: c.name.trim(),
      indicators: c.indicators.map((i) => ({
        code: i.code.trim(),
        name: i.name.trim(),
        kind: i.kind,
        rule: i.rule,
        direction: i.direction,
        target: i.target.trim() === '' ? null : decimal(i.target),
        max_points: decimal(i.max_points),
        bands: i.rule === 'bands' ? i.bands.map((b) => ({ min_value: decimal(b.min_value), points: decimal(b.points) })) : [],
        levels:
          i.kind === 'level'
            ? i.levels.map((l) => ({
                value: (/^\d+$/.test(l.value.trim()) ? Number(l.value) : l.value) as number,
                label: l.label.trim(),
              }))
            : [],
        evidence_required: i.evidence_required,
        is_gate: i.is_gate,
        content_area_code: blankToNull(i.content_area_code),
        source: i.kind === 'computed' ? blankToNull(i.source) : null,
        moet_4725: blankToNull(i.moet_4725),
      })),
    })),
  };
}

/** Paths of the editor that show their own error; anything else goes to the banner. */
const SHOWN = [
  /^(code|name|subject_kind|criteria)$/,
  /^criteria\.\d+(\.(code|name|indicators))?$/,
  /^criteria\.\d+\.indicators\.\d+(\.(code|name|kind|rule|direction|target|max_points|content_area_code|source|moet_4725|is_gate|evidence_required|levels|bands))?$/,
  /^criteria\.\d+\.indicators\.\d+\.levels\.\d+(\.(value|label))?$/,
  /^criteria\.\d+\.indicators\.\d+\.bands\.\d+(\.(min_value|points))?$/,
];

export function isShownPath(path: string): boolean {
  return SHOWN.some((re) => re.test(path));
}

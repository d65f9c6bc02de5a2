import type { DtiAssessment, DtiCriterion, DtiValueIn } from '../../api/types';

/** What the form holds per criterion: points as typed, or '', 'true', 'false' for a mandatory condition. */
export type DtiDraft = Record<string, string>;

export function draftOf(criteria: DtiCriterion[], assessment: DtiAssessment | undefined): DtiDraft {
  const stored = new Map((assessment?.values ?? []).map((v) => [v.criterion_code, v]));
  const out: DtiDraft = {};
  for (const c of criteria) {
    const v = stored.get(c.code);
    if (c.mandatory) out[c.code] = v?.met == null ? '' : String(v.met);
    else out[c.code] = v?.points == null ? '' : String(Number(v.points));
  }
  return out;
}

/** Every criterion in the index's order (so an error at `values.3` is the 4th criterion's field);
 * an empty answer is sent as not answered. A decimal comma is accepted. */
export function valuesOf(criteria: DtiCriterion[], draft: DtiDraft): DtiValueIn[] {
  return criteria.map((c) => {
    const raw = (draft[c.code] ?? '').trim();
    if (c.mandatory) return { criterion_code: c.code, met: raw === '' ? null : raw === 'true' };
    return { criterion_code: c.code, points: raw === '' ? null : raw.replace(',', '.') };
  });
}

/** The group a criterion belongs to, in Roman numerals as the decision writes them. */
export function groupNumeral(group: string): string {
  return group === '1' ? 'I' : group === '2' ? 'II' : group;
}

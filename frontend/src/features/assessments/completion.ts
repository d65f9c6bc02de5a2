import type { Entry } from '../../api/types';

/** What a criterion holds, as the page needs it for completion: its code and its indicators' codes. */
export interface CriterionCodes {
  code: string;
  indicators: readonly { code: string }[];
}

/** One thing the school still has to provide before submitting. */
export interface MissingItem {
  indicator: string;
  criterion: string;
  what: 'value' | 'evidence';
}

/**
 * What the subject must provide for one indicator: a value for every typed indicator (one taken from
 * the QĐ 4725 result counts) and evidence where it is required. Computed indicators ask nothing.
 * The server refuses a submission on the same rules (assessments/service.py: submit).
 */
function missingOf(entry: Entry, fromDti: ReadonlySet<string>): MissingItem['what'][] {
  if (entry.computed) return [];
  const missing: MissingItem['what'][] = [];
  if (entry.self_value == null && !fromDti.has(entry.indicator_code)) missing.push('value');
  if (entry.evidence_required && entry.evidence.length === 0) missing.push('evidence');
  return missing;
}

function required(entry: Entry): number {
  return entry.computed ? 0 : 1 + (entry.evidence_required ? 1 : 0);
}

/** Everything still missing, in the framework's order. */
export function missingItems(
  criteria: readonly CriterionCodes[],
  entries: ReadonlyMap<string, Entry>,
  fromDti: ReadonlySet<string>,
): MissingItem[] {
  const items: MissingItem[] = [];
  for (const c of criteria)
    for (const ind of c.indicators) {
      const entry = entries.get(ind.code);
      if (entry) for (const what of missingOf(entry, fromDti)) items.push({ indicator: ind.code, criterion: c.code, what });
    }
  return items;
}

/** A criterion's completion: how many of the things it asks for are provided (total 0: nothing to enter). */
export function completion(
  criterion: CriterionCodes,
  entries: ReadonlyMap<string, Entry>,
  fromDti: ReadonlySet<string>,
): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const ind of criterion.indicators) {
    const entry = entries.get(ind.code);
    if (!entry) continue;
    total += required(entry);
    done += required(entry) - missingOf(entry, fromDti).length;
  }
  return { done, total };
}

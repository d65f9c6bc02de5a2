/** Pure helpers of the flag form. */
import type { DisciplineSeverity, FlagCreate, FlagKind } from './types';

export interface FlagFormValues {
  unit: string;
  staff: string;
  kind: FlagKind;
  severity: string;
  openedOn: string;
  note: string;
}

/**
 * The body of POST /flags: the staff member is optional (a unit's own incident), and only a disciplinary
 * measure has a severity (a security incident never sends one, whatever was chosen before switching).
 */
export function flagPayload(v: FlagFormValues): FlagCreate {
  return {
    unit_id: Number(v.unit),
    staff_id: v.staff ? Number(v.staff) : null,
    kind: v.kind,
    severity: v.kind === 'disciplinary' && v.severity ? (v.severity as DisciplineSeverity) : null,
    opened_on: v.openedOn,
    note: v.note.trim(),
  };
}

/** Today as YYYY-MM-DD in local time (the default closing date). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

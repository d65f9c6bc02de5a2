/** Pure helpers of the activity form: attendance selection, evidence links, units below a school. */
import type { AttendeeIn, EvidenceLink } from '../../api/types';

/** Attendance keyed by staff id: present when ticked; `completed` marks finishing a training. */
export type Attendance = ReadonlyMap<number, boolean>;

export function fromAttendees(attendees: readonly { staff_id: number; completed: boolean }[]): Attendance {
  return new Map(attendees.map((a) => [a.staff_id, a.completed]));
}

/** Ticks or unticks a person (unticking forgets "completed"). */
export function toggleAttendee(current: Attendance, staffId: number, present: boolean): Attendance {
  const next = new Map(current);
  if (present) next.set(staffId, next.get(staffId) ?? false);
  else next.delete(staffId);
  return next;
}

/** Marks a person as having completed the training (ticks them as present when completing). */
export function setCompleted(current: Attendance, staffId: number, completed: boolean): Attendance {
  const next = new Map(current);
  if (completed || next.has(staffId)) next.set(staffId, completed);
  return next;
}

/**
 * The `attendees` sent to the API, in staff id order. "Completed" only means something for a
 * training: for any other kind every attendee is sent with completed=false.
 */
export function attendeesPayload(current: Attendance, isTraining: boolean): AttendeeIn[] {
  return [...current.entries()]
    .sort(([a], [b]) => a - b)
    .map(([staff_id, completed]) => ({ staff_id, completed: isTraining && completed }));
}

/** Evidence links with a URL (trimmed); a blank title becomes the URL. Rows without a URL are dropped. */
export function linksPayload(rows: readonly { url: string; title: string }[]): EvidenceLink[] {
  return rows
    .map((r) => ({ url: r.url.trim(), title: r.title.trim() }))
    .filter((r) => r.url !== '')
    .map((r) => ({ url: r.url, title: r.title || r.url }));
}

/** The unit and every unit below it (e.g. a school and its subject groups), root first. */
export function descendantUnitIds(units: readonly { id: number; parent_id: number | null }[], rootId: number): number[] {
  const out = [rootId];
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    for (const u of units)
      if (u.parent_id === out[i] && !seen.has(u.id)) {
        seen.add(u.id);
        out.push(u.id);
      }
  }
  return out;
}

/** School year of a date (September–August): "2025-10-15" → "2025-2026"; null for an invalid date. */
export function schoolYearOf(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const start = month >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

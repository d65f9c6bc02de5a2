/** Pure helpers of the activity form: attendance selection. */
import type { AttendeeIn } from '../../api/types';

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

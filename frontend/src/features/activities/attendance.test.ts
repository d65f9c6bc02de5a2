import { describe, expect, it } from 'vitest';
import { attendeesPayload, fromAttendees, setCompleted, toggleAttendee } from './attendance';

describe('attendance selection', () => {
  it('ticks and unticks people, forgetting completion when unticked', () => {
    let a = toggleAttendee(new Map(), 7, true);
    a = setCompleted(a, 7, true);
    a = toggleAttendee(a, 3, true);
    expect(attendeesPayload(a, true)).toEqual([
      { staff_id: 3, completed: false },
      { staff_id: 7, completed: true },
    ]);
    a = toggleAttendee(a, 7, false);
    a = toggleAttendee(a, 7, true);
    expect(attendeesPayload(a, true)).toEqual([
      { staff_id: 3, completed: false },
      { staff_id: 7, completed: false },
    ]);
  });
  it('ticks a person who is marked as completed, and keeps unticked people out when un-completing', () => {
    expect(attendeesPayload(setCompleted(new Map(), 5, true), true)).toEqual([{ staff_id: 5, completed: true }]);
    expect(attendeesPayload(setCompleted(new Map(), 5, false), true)).toEqual([]);
  });
  it('sends completed=false for anything but a training', () => {
    const a = fromAttendees([{ staff_id: 2, completed: true }]);
    expect(attendeesPayload(a, false)).toEqual([{ staff_id: 2, completed: false }]);
    expect(attendeesPayload(a, true)).toEqual([{ staff_id: 2, completed: true }]);
  });
  it('does not change the map it was given', () => {
    const a = fromAttendees([{ staff_id: 1, completed: false }]);
    toggleAttendee(a, 1, false);
    setCompleted(a, 1, true);
    expect(attendeesPayload(a, true)).toEqual([{ staff_id: 1, completed: false }]);
  });
});

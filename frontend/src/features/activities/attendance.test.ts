import { describe, expect, it } from 'vitest';
import {
  attendeesPayload,
  descendantUnitIds,
  fromAttendees,
  linksPayload,
  schoolYearOf,
  setCompleted,
  toggleAttendee,
} from './attendance';

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

describe('linksPayload', () => {
  it('drops rows without a URL and uses the URL as a missing title', () => {
    expect(
      linksPayload([
        { url: ' https://a.example/x ', title: '' },
        { url: '', title: 'Chỉ có tiêu đề' },
        { url: 'https://b.example', title: ' Ảnh lễ phát động ' },
      ]),
    ).toEqual([
      { url: 'https://a.example/x', title: 'https://a.example/x' },
      { url: 'https://b.example', title: 'Ảnh lễ phát động' },
    ]);
  });
});

describe('descendantUnitIds', () => {
  it('finds a school and its subject groups, not its siblings', () => {
    const units = [
      { id: 1, parent_id: null },
      { id: 2, parent_id: 1 },
      { id: 3, parent_id: 2 },
      { id: 4, parent_id: 2 },
      { id: 5, parent_id: 1 },
      { id: 6, parent_id: 5 },
    ];
    expect(descendantUnitIds(units, 2)).toEqual([2, 3, 4]);
    expect(descendantUnitIds(units, 6)).toEqual([6]);
  });
  it('stops on a cycle', () => {
    expect(descendantUnitIds([{ id: 1, parent_id: 2 }, { id: 2, parent_id: 1 }], 1)).toEqual([1, 2]);
  });
});

describe('schoolYearOf', () => {
  it('starts a school year in September', () => {
    expect(schoolYearOf('2025-09-01')).toBe('2025-2026');
    expect(schoolYearOf('2026-08-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-01-15')).toBe('2025-2026');
    expect(schoolYearOf('2025-08-31')).toBe('2024-2025');
  });
  it('gives null for anything that is not a date', () => {
    expect(schoolYearOf('')).toBeNull();
    expect(schoolYearOf('2025-13-01')).toBeNull();
  });
});

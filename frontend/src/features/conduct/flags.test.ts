import { describe, expect, it } from 'vitest';
import { flagPayload, localToday } from './flags';

describe('flagPayload', () => {
  const base = { unit: '3', staff: '', kind: 'disciplinary' as const, severity: 'warning', openedOn: '2025-11-02', note: '  Quyết định số 12 ' };

  it('sends a disciplinary measure with its severity and an optional person', () => {
    expect(flagPayload(base)).toEqual({
      unit_id: 3,
      staff_id: null,
      kind: 'disciplinary',
      severity: 'warning',
      opened_on: '2025-11-02',
      note: 'Quyết định số 12',
    });
    expect(flagPayload({ ...base, staff: '17' }).staff_id).toBe(17);
  });

  it('never sends a severity for a security incident', () => {
    expect(flagPayload({ ...base, kind: 'security_incident' }).severity).toBeNull();
  });

  it('sends no severity when none was chosen', () => {
    expect(flagPayload({ ...base, severity: '' }).severity).toBeNull();
  });
});

describe('localToday', () => {
  it('formats the local date', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

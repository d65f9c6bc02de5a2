import { describe, expect, it } from 'vitest';
import type { ReportRequest, TrackingRow } from '../../api/types';
import { latestYear, planCounts, planProgress, reportSubmission } from './charts';

const row = (over: Partial<TrackingRow>): TrackingRow =>
  ({
    unit_id: 1,
    unit_code: 'A',
    unit_name: 'Trường A',
    plan_id: null,
    status: null,
    sent_at: null,
    received_date: null,
    received_source: null,
    ack_overdue: false,
    due_date: null,
    submitted_at: null,
    approved_at: null,
    progress_percent: null,
    deadline_status: 'not_received',
    days_left: null,
    ...over,
  }) as TrackingRow;

describe('plan tracking figures', () => {
  const rows = [
    row({ unit_name: 'Trường A', received_date: '2026-09-10', deadline_status: 'on_time', status: 'approved', progress_percent: '40.00' }),
    row({ unit_name: 'Trường B', received_date: '2026-09-11', deadline_status: 'submitted_late', status: 'submitted' }),
    row({ unit_name: 'Trường C', received_date: '2026-09-01', deadline_status: 'overdue', status: 'draft' }),
    row({ unit_name: 'Trường D', deadline_status: 'not_received' }),
    row({ unit_name: 'Trường E', received_date: '2026-09-12', deadline_status: 'submitted_late', status: 'approved', progress_percent: '75.50' }),
  ];

  it('counts received, on time, late, overdue and approved plans', () => {
    expect(planCounts(rows)).toEqual({ schools: 5, received: 4, onTime: 1, late: 2, overdue: 1, approved: 2 });
  });

  it('lists the progress of plans that have one, most advanced first', () => {
    expect(planProgress(rows)).toEqual([
      { unit: 'Trường E', percent: 75.5 },
      { unit: 'Trường A', percent: 40 },
    ]);
  });
});

describe('report submission over time', () => {
  const request = (id: number, due: string, units: [string, boolean][]): ReportRequest =>
    ({
      id,
      title: `Báo cáo ${id}`,
      due_date: due,
      units: units.map(([status, late], i) => ({ unit_id: i, unit_code: '', unit_name: '', report_id: null, status, late })),
    }) as unknown as ReportRequest;

  it('orders requests by due date and splits on time, late and missing reports', () => {
    const result = reportSubmission([
      request(2, '2026-06-30', [
        ['submitted', false],
        ['draft', true],
      ]),
      request(1, '2026-01-15', [
        ['submitted', false],
        ['submitted', true],
        ['not_started', false],
      ]),
    ]);
    expect(result).toEqual([
      { id: 1, title: 'Báo cáo 1', dueDate: '2026-01-15', onTime: 1, late: 1, missing: 1 },
      { id: 2, title: 'Báo cáo 2', dueDate: '2026-06-30', onTime: 1, late: 0, missing: 1 },
    ]);
    expect(reportSubmission([request(1, '2026-01-15', []), request(2, '2026-06-30', [])], 1).map((s) => s.id)).toEqual([2]);
  });
});

describe('the dashboard year', () => {
  it('is the latest school year with results', () => {
    expect(
      latestYear([
        { school_year: '2024-2025', subject_count: 3 },
        { school_year: '2025-2026', subject_count: 4 },
        { school_year: '2026-2027', subject_count: 0 },
      ]),
    ).toBe('2025-2026');
    expect(latestYear([])).toBeUndefined();
  });
});

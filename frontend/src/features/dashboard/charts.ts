/** Pure figures of the commune's dashboard charts (issue 18.7), from what the API already answers. */
import type { ReportRequest, TrackingRow } from '../../api/types';

export interface PlanCounts {
  schools: number;
  received: number;
  onTime: number;
  late: number;
  overdue: number;
  approved: number;
}

/** Schools whose plan was received, submitted on time, submitted late, overdue, approved. */
export function planCounts(rows: readonly TrackingRow[]): PlanCounts {
  const count = (p: (r: TrackingRow) => boolean) => rows.filter(p).length;
  return {
    schools: rows.length,
    received: count((r) => r.received_date !== null),
    onTime: count((r) => r.deadline_status === 'on_time'),
    late: count((r) => r.deadline_status === 'submitted_late'),
    overdue: count((r) => r.deadline_status === 'overdue'),
    approved: count((r) => r.status === 'approved'),
  };
}

/** The approved plans' task progress per school (%), most advanced first. */
export function planProgress(rows: readonly TrackingRow[]): { unit: string; percent: number }[] {
  return rows
    .filter((r) => r.progress_percent !== null)
    .map((r) => ({ unit: r.unit_name, percent: Number(r.progress_percent) }))
    .sort((a, b) => b.percent - a.percent || a.unit.localeCompare(b.unit, 'vi'));
}

export interface Submission {
  id: number;
  title: string;
  dueDate: string;
  onTime: number;
  late: number;
  missing: number;
}

/** Per report request, oldest due date first (the last `limit`): reports in on time, late, not in. */
export function reportSubmission(requests: readonly ReportRequest[], limit = 12): Submission[] {
  return [...requests]
    .sort((a, b) => a.due_date.localeCompare(b.due_date) || a.id - b.id)
    .slice(-limit)
    .map((r) => ({
      id: r.id,
      title: r.title,
      dueDate: r.due_date,
      onTime: r.units.filter((u) => u.status === 'submitted' && !u.late).length,
      late: r.units.filter((u) => u.status === 'submitted' && u.late).length,
      missing: r.units.filter((u) => u.status !== 'submitted').length,
    }));
}

/** The latest school year that has results, from the year-over-year answer (years ascending). */
export function latestYear(years: readonly { school_year: string; subject_count: number }[]): string | undefined {
  return [...years].reverse().find((y) => y.subject_count > 0)?.school_year;
}

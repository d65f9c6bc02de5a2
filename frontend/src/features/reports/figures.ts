/** The pre-filled figures of a school report (an untyped object in the API) as label/value rows. */
export type Figure =
  | { key: string; kind: 'text'; value: string }
  | { key: string; kind: 'percent'; value: number }
  | { key: string; kind: 'status'; value: string; scope: 'plans.statuses' | 'plans.deadline' | 'assessments.statuses' };

const ORDER: { key: string; kind: 'text' | 'percent' | 'number' } [] = [
  { key: 'tasks_total', kind: 'number' },
  { key: 'tasks_done', kind: 'number' },
  { key: 'tasks_average_progress', kind: 'percent' },
  { key: 'trained_staff_percent', kind: 'percent' },
  { key: 'verified_total', kind: 'number' },
  { key: 'completion_percent', kind: 'percent' },
  { key: 'classification_label', kind: 'text' },
  { key: 'taken_on', kind: 'text' },
];

export function figureRows(raw: Record<string, unknown>): { figures: Figure[]; activities: { label: string; count: number }[] } {
  const figures: Figure[] = [];
  if (typeof raw.plan_status === 'string') figures.push({ key: 'plan_status', kind: 'status', value: raw.plan_status, scope: 'plans.statuses' });
  if (typeof raw.plan_deadline_status === 'string')
    figures.push({ key: 'plan_deadline_status', kind: 'status', value: raw.plan_deadline_status, scope: 'plans.deadline' });
  if (typeof raw.assessment_status === 'string')
    figures.push({ key: 'assessment_status', kind: 'status', value: raw.assessment_status, scope: 'assessments.statuses' });
  for (const { key, kind } of ORDER) {
    const v = raw[key];
    if (v === null || v === undefined || v === '') continue;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null;
    if (kind === 'percent' && n !== null) figures.push({ key, kind: 'percent', value: n });
    else figures.push({ key, kind: 'text', value: String(v) });
  }
  const counts = raw.activities && typeof raw.activities === 'object' ? (raw.activities as Record<string, unknown>) : {};
  const labels = raw.activities_labels && typeof raw.activities_labels === 'object' ? (raw.activities_labels as Record<string, unknown>) : {};
  const activities = Object.entries(counts)
    .filter(([, c]) => typeof c === 'number')
    .map(([k, c]) => ({ label: typeof labels[k] === 'string' ? (labels[k] as string) : k, count: c as number }));
  return { figures, activities };
}

/** Pure helpers of the plan screens (no React): content normalisation, month view, versions, VND, errors. */
import type { ProblemDetails } from '../../api/problem';
import type { BudgetLine, PlanContent, PlanMilestone, PlanTarget, PlanTask } from '../../api/types';

export interface Section {
  heading: string;
  text: string;
}

export interface NormalContent {
  objectives: string;
  solutions: string;
  responsibilities: string;
  targets: PlanTarget[];
  tasks: PlanTask[];
  roadmap: PlanMilestone[];
  sections: Section[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const arr = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The plan's `content` (an untyped object in the API) as a complete, typed document. */
export function normalizeContent(raw: unknown): NormalContent {
  const c = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    objectives: str(c.objectives),
    solutions: str(c.solutions),
    responsibilities: str(c.responsibilities),
    targets: arr(c.targets).map((t) => ({
      indicator_code: str(t.indicator_code),
      school_year: str(t.school_year),
      target_value: typeof t.target_value === 'number' ? t.target_value : str(t.target_value),
      note: str(t.note),
    })),
    tasks: arr(c.tasks).map((t) => ({
      title: str(t.title),
      owner_staff_id: num(t.owner_staff_id),
      owner_unit_id: num(t.owner_unit_id),
      start_date: str(t.start_date),
      due_date: str(t.due_date),
      status: t.status === 'in_progress' || t.status === 'done' ? t.status : 'not_started',
      progress_percent: num(t.progress_percent) ?? 0,
      done_date: t.done_date ? str(t.done_date) : null,
      period: str(t.period),
      result_note: str(t.result_note),
      evidence_links: Array.isArray(t.evidence_links) ? t.evidence_links.map(str) : [],
    })),
    roadmap: arr(c.roadmap).map((m) => ({ title: str(m.title), target_date: str(m.target_date) })),
    sections: arr(c.sections).map((s) => ({ heading: str(s.heading), text: str(s.text) })),
  };
}

/** Content to send (without the commune-only sections). */
export function toContentIn(c: NormalContent): PlanContent {
  return {
    objectives: c.objectives,
    solutions: c.solutions,
    responsibilities: c.responsibilities,
    targets: c.targets,
    tasks: c.tasks.map((t) => ({ ...t, done_date: t.done_date || null })),
    roadmap: c.roadmap,
  };
}

export interface MonthGroup {
  /** YYYY-MM, or '' for tasks without a valid due date */
  month: string;
  tasks: { index: number; task: PlanTask }[];
}

/** Tasks grouped by the month of their due date, months in order; undated tasks last. */
export function groupTasksByMonth(tasks: readonly PlanTask[]): MonthGroup[] {
  const groups = new Map<string, MonthGroup>();
  tasks.forEach((task, index) => {
    const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(task.due_date ?? '');
    const month = m ? `${m[1]}-${m[2]}` : '';
    let g = groups.get(month);
    if (!g) groups.set(month, (g = { month, tasks: [] }));
    g.tasks.push({ index, task });
  });
  for (const g of groups.values()) g.tasks.sort((a, b) => a.task.due_date.localeCompare(b.task.due_date) || a.index - b.index);
  return [...groups.values()].sort((a, b) => (a.month === '' ? 1 : b.month === '' ? -1 : a.month.localeCompare(b.month)));
}

/** "1234567" → "1.234.567 ₫" (Vietnamese thousands separators). */
export function formatVnd(amount: number): string {
  const n = Math.round(amount);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${digits} ₫`;
}

/** Sum of the budget lines (amounts in VND). */
export function budgetTotal(lines: readonly { amount_vnd?: unknown }[]): number {
  return lines.reduce((s, l) => s + (typeof l.amount_vnd === 'number' ? l.amount_vnd : 0), 0);
}

export interface VersionSide {
  title: string;
  objectives: string;
  targets: number;
  tasks: number;
  budget: number;
}

export interface VersionComparison {
  a: VersionSide;
  b: VersionSide;
  /** task titles in b but not in a */
  added: string[];
  /** task titles in a but not in b */
  removed: string[];
}

function side(snapshot: unknown): { side: VersionSide; titles: string[] } {
  const s = snapshot && typeof snapshot === 'object' ? (snapshot as Record<string, unknown>) : {};
  const content = normalizeContent(s.content);
  const lines = arr(s.budget_lines) as { amount_vnd?: unknown }[];
  const total = typeof s.budget_total_vnd === 'number' ? s.budget_total_vnd : budgetTotal(lines);
  return {
    side: {
      title: str(s.title),
      objectives: content.objectives,
      targets: content.targets.length,
      tasks: content.tasks.length,
      budget: total,
    },
    titles: content.tasks.map((t) => t.title.trim()).filter(Boolean),
  };
}

/** Side-by-side comparison of two version snapshots (a = older, b = newer). */
export function compareVersions(a: unknown, b: unknown): VersionComparison {
  const x = side(a);
  const y = side(b);
  return {
    a: x.side,
    b: y.side,
    added: y.titles.filter((t) => !x.titles.includes(t)),
    removed: x.titles.filter((t) => !y.titles.includes(t)),
  };
}

/**
 * Problem field errors of the plan forms, keyed by field: body.title → "title",
 * body.content.objectives → "objectives", body.content.tasks.0.due_date → "tasks.0.due_date",
 * body.budget_lines.1.amount_vnd → "budget_lines.1.amount_vnd".
 */
export function planFieldErrors(problem: ProblemDetails | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const err of problem?.errors ?? []) {
    const parts = err.path.split('.');
    if (parts[0] !== 'body' || parts.length < 2) continue;
    const rest = parts[1] === 'content' && parts.length > 2 ? parts.slice(2) : parts.slice(1);
    const key = rest.join('.');
    out[key] = out[key] ? `${out[key]} ${err.message}` : err.message;
  }
  return out;
}

/** Errors whose key is not shown at a field of the form (for the banner). */
export function otherErrors(errors: Record<string, string>, shown: (key: string) => boolean): string[] {
  return Object.entries(errors)
    .filter(([k]) => !shown(k))
    .map(([k, m]) => `${k}: ${m}`);
}

export function emptyTask(): PlanTask {
  return {
    title: '',
    owner_staff_id: null,
    owner_unit_id: null,
    start_date: '',
    due_date: '',
    status: 'not_started',
    progress_percent: 0,
    done_date: null,
    period: '',
    result_note: '',
    evidence_links: [],
  };
}

export function emptyBudgetLine(): BudgetLine {
  return { source: 'state_budget', amount_vnd: 0, description: '' };
}

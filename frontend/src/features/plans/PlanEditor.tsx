import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type Plan, type PlanTask, type PlanUpdate, type TaskStatus } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { useMovements } from '../../lib/queries/frameworks';
import { useIndicatorCodes, useOwnerOptions } from './api/plans';
import { DeadlineBadge } from '../../components/PlanBadges';
import { emptyTask, groupTasksByMonth, normalizeContent, toContentIn, type NormalContent } from './plan';
import { formatDate } from '../../lib/format';

export interface Owners {
  staff: { id: number; full_name: string; code: string }[];
  groups: { id: number; name: string }[];
}

export function ownerValue(t: PlanTask): string {
  if (t.owner_staff_id) return `s:${t.owner_staff_id}`;
  if (t.owner_unit_id) return `u:${t.owner_unit_id}`;
  return '';
}

export function ownerName(t: PlanTask, owners: Owners): string {
  if (t.owner_staff_id) return owners.staff.find((s) => s.id === t.owner_staff_id)?.full_name ?? `#${t.owner_staff_id}`;
  if (t.owner_unit_id) return owners.groups.find((g) => g.id === t.owner_unit_id)?.name ?? `#${t.owner_unit_id}`;
  return '';
}

/** Tasks by the month of their due date. */
export function MonthView({ tasks, owners }: { tasks: readonly PlanTask[]; owners: Owners }) {
  const { t } = useTranslation();
  const groups = groupTasksByMonth(tasks);
  return (
    <section aria-labelledby="month-view">
      <h3 id="month-view">{t('plans.monthView')}</h3>
      {groups.length === 0 ? (
        <p className="muted">{t('common.empty')}</p>
      ) : (
        <div className="month-view">
          {groups.map((g) => (
            <section key={g.month} aria-label={g.month ? t('plans.month', { month: g.month.slice(5), year: g.month.slice(0, 4) }) : t('plans.noDueDate')}>
              <h4>{g.month ? t('plans.month', { month: g.month.slice(5), year: g.month.slice(0, 4) }) : t('plans.noDueDate')}</h4>
              <ul>
                {g.tasks.map(({ index, task }) => (
                  <li key={index}>
                    <strong>{task.title || '—'}</strong> <span className="muted">({formatDate(task.due_date) || '—'})</span>
                    <br />
                    {t(`plans.taskStatuses.${task.status}`)} · {task.progress_percent}%{ownerName(task, owners) ? ` · ${ownerName(task, owners)}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function replace<T>(list: readonly T[], index: number, patch: Partial<T>): T[] {
  return list.map((x, i) => (i === index ? { ...x, ...patch } : x));
}

/** The school plan's form (PATCH of number, title, dates and the whole content). */
export function PlanEditor({
  plan,
  errors,
  busy,
  onSave,
  submitLabel,
}: {
  plan: Plan;
  errors: Record<string, string>;
  busy: boolean;
  onSave: (body: PlanUpdate) => void;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(plan.number);
  const [title, setTitle] = useState(plan.title);
  const [issueDate, setIssueDate] = useState(plan.issue_date ?? '');
  const [doc, setDoc] = useState<NormalContent>(() => normalizeContent(plan.content));
  const owners = useOwnerOptions(plan.unit_id, normalizeContent(plan.content).tasks);
  const codes = useIndicatorCodes();
  const movements = useMovements();
  const years = movements.data?.find((m) => m.id === plan.movement_id)?.school_years ?? movements.data?.[0]?.school_years ?? [];
  const set = (patch: Partial<NormalContent>) => setDoc((d) => ({ ...d, ...patch }));
  const e = (key: string) => errors[key];

  function submit(ev: FormEvent) {
    ev.preventDefault();
    onSave({
      number: number.trim(),
      title: title.trim(),
      issue_date: issueDate || null,
      content: toContentIn(doc),
    });
  }

  const ownerOptions = [
    ...owners.staff.map((s) => ({ value: `s:${s.id}`, label: `${s.full_name} (${s.code})` })),
    ...owners.groups.map((g) => ({ value: `u:${g.id}`, label: g.name })),
  ];

  return (
    <form className="form form-wide" onSubmit={submit} noValidate aria-label={t('plans.editor')}>
      <div className="plan-grid">
        <TextField id="number" label={t('plans.number')} value={number} onChange={setNumber} error={e('number')} />
        <TextField id="issue_date" type="date" label={t('plans.issueDate')} value={issueDate} onChange={setIssueDate} error={e('issue_date')} />
        <p>
          {t('plans.receivedDate')}: <strong>{(plan.received_date ? formatDate(plan.received_date) : t('plans.notReceived'))}</strong>
        </p>
      </div>
      <p>
        {t('plans.dueDate')}: <strong>{(plan.due_date ? formatDate(plan.due_date) : t('plans.noDueDateYet'))}</strong>{' '}
        <DeadlineBadge status={plan.deadline_status} daysLeft={plan.days_left} />
      </p>
      <TextField id="title" label={t('plans.titleField')} value={title} onChange={setTitle} error={e('title')} required />
      <TextAreaField id="objectives" label={t('plans.objectives')} rows={4} value={doc.objectives} onChange={(v) => set({ objectives: v })} error={e('objectives')} />
      <TextAreaField id="solutions" label={t('plans.solutions')} rows={4} value={doc.solutions} onChange={(v) => set({ solutions: v })} error={e('solutions')} />
      <TextAreaField
        id="responsibilities"
        label={t('plans.responsibilities')}
        rows={4}
        value={doc.responsibilities}
        onChange={(v) => set({ responsibilities: v })}
        error={e('responsibilities')}
      />

      <h3>{t('plans.targets')}</h3>
      {doc.targets.map((x, i) => (
        <fieldset key={i} className="plan-item">
          <legend>{t('plans.targetN', { n: i + 1 })}</legend>
          <div className="plan-grid">
            <SelectField
              id={`target-${i}-indicator`}
              label={t('plans.indicator')}
              value={x.indicator_code}
              onChange={(v) => set({ targets: replace(doc.targets, i, { indicator_code: v }) })}
              empty={t('common.choose')}
              options={[
                ...codes.map((c) => ({ value: c.code, label: `${c.code} – ${c.name}` })),
                ...(x.indicator_code && !codes.some((c) => c.code === x.indicator_code) ? [{ value: x.indicator_code, label: x.indicator_code }] : []),
              ]}
              error={e(`targets.${i}.indicator_code`)}
            />
            <SelectField
              id={`target-${i}-year`}
              label={t('fields.schoolYear')}
              value={x.school_year}
              onChange={(v) => set({ targets: replace(doc.targets, i, { school_year: v }) })}
              empty={t('common.choose')}
              options={[...new Set([...years, ...(x.school_year ? [x.school_year] : [])])].map((y) => ({ value: y, label: y }))}
              error={e(`targets.${i}.school_year`)}
            />
            <TextField
              id={`target-${i}-value`}
              label={t('plans.targetValue')}
              value={String(x.target_value ?? '')}
              onChange={(v) => set({ targets: replace(doc.targets, i, { target_value: v }) })}
              error={e(`targets.${i}.target_value`)}
            />
          </div>
          <TextField
            id={`target-${i}-note`}
            label={t('plans.note')}
            value={x.note ?? ''}
            onChange={(v) => set({ targets: replace(doc.targets, i, { note: v }) })}
            error={e(`targets.${i}.note`)}
          />
          <button type="button" onClick={() => set({ targets: doc.targets.filter((_, j) => j !== i) })}>
            {t('plans.removeTarget')}
          </button>
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          onClick={() => set({ targets: [...doc.targets, { indicator_code: '', school_year: years[0] ?? '', target_value: '', note: '' }] })}
        >
          {t('plans.addTarget')}
        </button>
      </p>

      <h3>{t('plans.tasks')}</h3>
      {doc.tasks.map((x, i) => (
        <fieldset key={i} className="plan-item">
          <legend>{t('plans.taskN', { n: i + 1 })}</legend>
          <TextField
            id={`task-${i}-title`}
            label={t('plans.taskTitle')}
            value={x.title}
            onChange={(v) => set({ tasks: replace(doc.tasks, i, { title: v }) })}
            error={e(`tasks.${i}.title`)}
          />
          <div className="plan-grid">
            <SelectField
              id={`task-${i}-owner`}
              label={t('plans.owner')}
              value={ownerValue(x)}
              empty={t('common.choose')}
              options={ownerOptions}
              onChange={(v) =>
                set({
                  tasks: replace(doc.tasks, i, {
                    owner_staff_id: v.startsWith('s:') ? Number(v.slice(2)) : null,
                    owner_unit_id: v.startsWith('u:') ? Number(v.slice(2)) : null,
                  }),
                })
              }
              error={[e(`tasks.${i}.owner_staff_id`), e(`tasks.${i}.owner_unit_id`)].filter(Boolean).join(' ') || undefined}
            />
            <TextField
              id={`task-${i}-start`}
              type="date"
              label={t('plans.startDate')}
              value={x.start_date}
              onChange={(v) => set({ tasks: replace(doc.tasks, i, { start_date: v }) })}
              error={e(`tasks.${i}.start_date`)}
            />
            <TextField
              id={`task-${i}-due`}
              type="date"
              label={t('plans.taskDue')}
              value={x.due_date}
              onChange={(v) => set({ tasks: replace(doc.tasks, i, { due_date: v }) })}
              error={e(`tasks.${i}.due_date`)}
            />
            <SelectField
              id={`task-${i}-status`}
              label={t('plans.taskStatus')}
              value={x.status}
              options={TASK_STATUSES.map((s) => ({ value: s, label: t(`plans.taskStatuses.${s}`) }))}
              onChange={(v) => set({ tasks: replace(doc.tasks, i, { status: v as TaskStatus }) })}
              error={e(`tasks.${i}.status`)}
            />
            <TextField
              id={`task-${i}-progress`}
              type="number"
              min={0}
              max={100}
              label={t('plans.progress')}
              value={String(x.progress_percent)}
              onChange={(v) => set({ tasks: replace(doc.tasks, i, { progress_percent: Number(v) || 0 }) })}
              error={e(`tasks.${i}.progress_percent`)}
            />
            <TextField
              id={`task-${i}-done`}
              type="date"
              label={t('plans.doneDate')}
              value={x.done_date ?? ''}
              onChange={(v) => set({ tasks: replace(doc.tasks, i, { done_date: v || null }) })}
              error={e(`tasks.${i}.done_date`)}
            />
          </div>
          <TextField
            id={`task-${i}-period`}
            label={t('plans.period')}
            value={x.period}
            onChange={(v) => set({ tasks: replace(doc.tasks, i, { period: v }) })}
            error={e(`tasks.${i}.period`)}
          />
          <button type="button" onClick={() => set({ tasks: doc.tasks.filter((_, j) => j !== i) })}>
            {t('plans.removeTask')}
          </button>
        </fieldset>
      ))}
      <p>
        <button type="button" onClick={() => set({ tasks: [...doc.tasks, emptyTask()] })}>
          {t('plans.addTask')}
        </button>
      </p>
      <MonthView tasks={doc.tasks} owners={owners} />

      <h3>{t('plans.roadmap')}</h3>
      {doc.roadmap.map((m, i) => (
        <fieldset key={i} className="plan-item">
          <legend>{t('plans.milestoneN', { n: i + 1 })}</legend>
          <div className="plan-grid">
            <TextField
              id={`milestone-${i}-title`}
              label={t('plans.milestoneTitle')}
              value={m.title}
              onChange={(v) => set({ roadmap: replace(doc.roadmap, i, { title: v }) })}
              error={e(`roadmap.${i}.title`)}
            />
            <TextField
              id={`milestone-${i}-date`}
              type="date"
              label={t('plans.milestoneDate')}
              value={m.target_date}
              onChange={(v) => set({ roadmap: replace(doc.roadmap, i, { target_date: v }) })}
              error={e(`roadmap.${i}.target_date`)}
            />
          </div>
          <button type="button" onClick={() => set({ roadmap: doc.roadmap.filter((_, j) => j !== i) })}>
            {t('plans.removeMilestone')}
          </button>
        </fieldset>
      ))}
      <p>
        <button type="button" onClick={() => set({ roadmap: [...doc.roadmap, { title: '', target_date: '' }] })}>
          {t('plans.addMilestone')}
        </button>
      </p>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel ?? t('plans.save')}
        </button>
      </div>
    </form>
  );
}

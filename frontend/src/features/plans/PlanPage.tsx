import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BUDGET_SOURCES, type BudgetLine, type Plan, type PlanContent, type PlanDispatch, type PlanIssue, type PlanVersion, type TaskProgress } from '../../api/types';
import { ApiError } from '../../api/problem';
import { formatDate, formatDateTime } from '../../lib/format';
import { useDownload } from '../../lib/useDownload';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { DataTable } from '../../components/DataTable';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import {
  planScanUrl,
  useAcknowledgePlan,
  useOwnerOptions,
  usePlan,
  usePlanChange,
  usePlanDispatches,
  usePlanVersions,
  useRecordReceipt,
  useUploadPlanScan,
} from './api/plans';
import { DeadlineBadge, PlanStatusBadge } from '../../components/PlanBadges';
import { MonthView, ownerName, PlanEditor } from './PlanEditor';
import { budgetTotal, compareVersions, emptyBudgetLine, formatVnd, normalizeContent, planFieldErrors, toContentIn } from './plan';

const BANNER_FIELDS = ['number', 'title', 'issue_date', 'signer_name', 'signer_title', 'channel', 'content', 'budget_lines', 'comment', 'status', 'progress_percent', 'done_date', 'result_note', 'evidence_links', 'reason'] as const;

/** The school's manager records one task's progress on the approved plan (phone-friendly: one
 * task at a time, stacked fields). */
function ProgressForm({ plan, errors, busy, onSave }: { plan: Plan; errors: Record<string, string>; busy: boolean; onSave: (index: number, body: TaskProgress) => void }) {
  const { t } = useTranslation();
  const tasks = normalizeContent(plan.content).tasks;
  const [index, setIndex] = useState('0');
  const task = tasks[Number(index)];
  const [status, setStatus] = useState<TaskProgress['status']>(task?.status ?? 'not_started');
  const [percent, setPercent] = useState(String(task?.progress_percent ?? 0));
  const [doneDate, setDoneDate] = useState(task?.done_date ?? '');
  const [note, setNote] = useState(task?.result_note ?? '');
  const [links, setLinks] = useState((task?.evidence_links ?? []).join('\n'));
  if (!tasks.length) return null;
  function pick(value: string) {
    const next = tasks[Number(value)];
    setIndex(value);
    setStatus(next?.status ?? 'not_started');
    setPercent(String(next?.progress_percent ?? 0));
    setDoneDate(next?.done_date ?? '');
    setNote(next?.result_note ?? '');
    setLinks((next?.evidence_links ?? []).join('\n'));
  }
  function submit(ev: FormEvent) {
    ev.preventDefault();
    onSave(Number(index), {
      status,
      progress_percent: Number(percent),
      done_date: doneDate || null,
      result_note: note.trim(),
      evidence_links: links.split('\n').map((l) => l.trim()).filter(Boolean),
    });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="progress">
      <h3 id="progress">{t('plans.updateProgress')}</h3>
      <SelectField id="progress-task" label={t('plans.taskTitle')} value={index} onChange={pick} options={tasks.map((x, i) => ({ value: String(i), label: x.title }))} />
      <SelectField
        id="progress-status"
        label={t('plans.taskStatus')}
        value={status}
        onChange={(v) => setStatus(v as TaskProgress['status'])}
        options={(['not_started', 'in_progress', 'done'] as const).map((s) => ({ value: s, label: t(`plans.taskStatuses.${s}`) }))}
        error={errors.status}
      />
      <TextField id="progress-percent" type="number" min={0} max={100} label={t('plans.progress')} value={percent} onChange={setPercent} error={errors.progress_percent} />
      <TextField id="progress-done" type="date" label={t('plans.doneDate')} value={doneDate} onChange={setDoneDate} error={errors.done_date} />
      <TextAreaField id="progress-note" label={t('plans.resultNote')} rows={2} value={note} onChange={setNote} error={errors.result_note} />
      <TextAreaField id="progress-links" label={t('plans.evidenceLinks')} hint={t('plans.evidenceLinksHint')} rows={2} value={links} onChange={setLinks} error={errors.evidence_links ?? Object.entries(errors).find(([k]) => k.startsWith('evidence_links'))?.[1]} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('plans.saveProgress')}
        </button>
      </div>
    </form>
  );
}

/** Điều chỉnh, bổ sung: the school sends a revised plan with its reason; the commune approves or
 * returns it; until then the approved version stays in force. */
function AdjustmentPanel({
  plan,
  errors,
  busy,
  onSubmit,
  onApprove,
  onReturn,
}: {
  plan: Plan;
  errors: Record<string, string>;
  busy: boolean;
  onSubmit: (reason: string, content: PlanContent) => void;
  onApprove: () => void;
  onReturn: (comment: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const pending = plan.pending_adjustment;
  const canAdjust = plan.allowed_actions.includes('adjust');
  const canReview = plan.allowed_actions.includes('approve_adjustment');
  if (!pending && !canAdjust) return null;
  return (
    <section aria-labelledby="adjustment">
      <h2 id="adjustment">{t('plans.adjustment')}</h2>
      {pending && (
        <div className="alert alert-info" role="note">
          <p>
            <strong>{t('plans.adjustmentPending')}</strong> {pending.reason}
          </p>
          <p>{t('plans.adjustmentTasks', { count: normalizeContent(pending.content).tasks.length })}</p>
        </div>
      )}
      {pending && canReview && (
        <div className="form">
          <TextAreaField id="adjust-comment" label={t('plans.returnComment')} rows={2} value={comment} onChange={setComment} error={errors.comment} />
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy} onClick={onApprove}>
              {t('plans.approveAdjustment')}
            </button>
            <button type="button" disabled={busy} onClick={() => onReturn(comment.trim())}>
              {t('plans.returnAdjustment')}
            </button>
          </div>
        </div>
      )}
      {canAdjust &&
        (open ? (
          <>
            <TextAreaField id="adjust-reason" label={t('plans.adjustReason')} rows={2} value={reason} onChange={setReason} error={errors.reason} />
            <PlanEditor plan={plan} errors={errors} busy={busy} submitLabel={t('plans.submitAdjustment')} onSave={(body) => onSubmit(reason.trim(), body.content ?? toContentIn(normalizeContent(plan.content)))} />
          </>
        ) : (
          <button type="button" onClick={() => setOpen(true)}>
            {t('plans.adjust')}
          </button>
        ))}
    </section>
  );
}

/** Where the issued commune plan was sent and when each school received it. The school's manager
 * acknowledges with one button: the date is the server's, there is no field to type it. */
function Receipts({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const dispatches = usePlanDispatches(plan.id);
  const ack = useAcknowledgePlan(plan.id);
  return (
    <section aria-label={t('plans.receipts')}>
      <h2>{t('plans.receipts')}</h2>
      <ErrorBanner error={dispatches.error ?? ack.error} />
      {plan.allowed_actions.includes('acknowledge') && (
        <div className="alert alert-info" role="note">
          <p>{t('plans.acknowledgeHint')}</p>
          <button type="button" className="primary" disabled={ack.isPending} onClick={() => ack.mutate()}>
            {t('plans.acknowledge')}
          </button>
        </div>
      )}
      {ack.isSuccess && (
        <p className="alert alert-ok" role="status">
          {t('plans.acknowledged')}
        </p>
      )}
      <DataTable
        rows={dispatches.data ?? []}
        rowKey={(d) => d.unit_id}
        columns={[
          { key: 'unit', label: t('fields.name'), render: (d) => d.unit_name },
          { key: 'sent', label: t('plans.sentAt'), render: (d) => formatDateTime(d.sent_at) },
          {
            key: 'received',
            label: t('plans.receivedDate'),
            render: (d) =>
              d.received_on
                ? `${formatDate(d.received_on)} (${t(`plans.receivedSources.${d.received_source ?? 'app'}`)}${d.incoming_number ? `, ${t('plans.incomingNumber')} ${d.incoming_number}` : ''})`
                : d.ack_overdue
                  ? t('plans.ackOverdue')
                  : t('plans.notReceived'),
          },
        ]}
      />
      {plan.allowed_actions.includes('record_receipt') && dispatches.data && dispatches.data.length > 0 && (
        <ReceiptForm planId={plan.id} dispatches={dispatches.data} />
      )}
    </section>
  );
}

/** The commune officer issues the draft plan: number, date, who signs and for whom, and how it is
 * sent; issuing sends it to every school (one dispatch each). */
function IssueForm({ errors, busy, onIssue }: { errors: Record<string, string>; busy: boolean; onIssue: (body: PlanIssue) => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [signerName, setSignerName] = useState('');
  const [signerTitle, setSignerTitle] = useState('');
  const [channel, setChannel] = useState<PlanIssue['channel']>('app');
  function submit(ev: FormEvent) {
    ev.preventDefault();
    onIssue({ number: number.trim(), issue_date: date, signer_name: signerName.trim(), signer_title: signerTitle.trim(), channel });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="issue-plan">
      <h2 id="issue-plan">{t('plans.issueTitle')}</h2>
      <p className="muted">{t('plans.issueHint')}</p>
      <TextField id="issue-number" label={t('plans.number')} hint={t('plans.numberHint')} value={number} onChange={setNumber} error={errors.number} required />
      <TextField id="issue-date" type="date" label={t('plans.issueDate')} value={date} onChange={setDate} error={errors.issue_date} required />
      <TextField id="issue-signer-name" label={t('plans.signerName')} value={signerName} onChange={setSignerName} error={errors.signer_name} required />
      <TextField
        id="issue-signer-title"
        label={t('plans.signerTitle')}
        hint={t('plans.signerTitleHint')}
        value={signerTitle}
        onChange={setSignerTitle}
        error={errors.signer_title}
        required
      />
      <SelectField
        id="issue-channel"
        label={t('plans.channel')}
        value={channel}
        onChange={(v) => setChannel(v as PlanIssue['channel'])}
        options={(['app', 'exchange'] as const).map((c) => ({ value: c, label: t(`plans.channels.${c}`) }))}
        error={errors.channel}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('plans.issue')}
        </button>
      </div>
    </form>
  );
}

/** The commune officer records a school's receipt from the document exchange (incoming number and
 * date), or corrects a recorded one with a reason; the school never types it. */
function ReceiptForm({ planId, dispatches }: { planId: number; dispatches: PlanDispatch[] }) {
  const { t } = useTranslation();
  const record = useRecordReceipt(planId);
  const [unit, setUnit] = useState(String(dispatches[0]?.unit_id ?? ''));
  const [receivedOn, setReceivedOn] = useState('');
  const [incoming, setIncoming] = useState('');
  const [reason, setReason] = useState('');
  const chosen = dispatches.find((d) => String(d.unit_id) === unit);
  const correcting = !!chosen?.received_on;
  const errors = record.error instanceof ApiError ? planFieldErrors(record.error.problem) : {};
  function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!chosen) return;
    record.mutate(
      { unitId: chosen.unit_id, body: { received_on: receivedOn, incoming_number: incoming.trim(), reason: correcting ? reason.trim() : null } },
      {
        onSuccess: () => {
          setReceivedOn('');
          setIncoming('');
          setReason('');
        },
      },
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="record-receipt">
      <h3 id="record-receipt">{t('plans.recordReceipt')}</h3>
      <p className="muted">{t('plans.recordReceiptHint')}</p>
      <ErrorBanner error={record.error} fields={['received_on', 'incoming_number', 'reason']} />
      {record.isSuccess && (
        <p className="alert alert-ok" role="status">
          {t('plans.receiptRecorded')}
        </p>
      )}
      <SelectField
        id="receipt-unit"
        label={t('plans.receiptUnit')}
        value={unit}
        onChange={setUnit}
        options={dispatches.map((d) => ({ value: String(d.unit_id), label: d.unit_name }))}
      />
      <TextField id="receipt-date" type="date" label={t('plans.receivedOn')} value={receivedOn} onChange={setReceivedOn} error={errors.received_on} required />
      <TextField id="receipt-number" label={t('plans.incomingNumberLabel')} value={incoming} onChange={setIncoming} error={errors.incoming_number} required />
      {correcting && (
        <TextAreaField id="receipt-reason" label={t('plans.correctionReason')} value={reason} onChange={setReason} error={errors.reason} />
      )}
      <div className="form-actions">
        <button type="submit" disabled={record.isPending || !chosen}>
          {correcting ? t('plans.correctReceipt') : t('plans.recordReceipt')}
        </button>
      </div>
    </form>
  );
}

/** The signed and sealed copy of the commune plan: downloaded by everyone who reads the plan,
 * attached by the commune officer. */
function ScanPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const upload = useUploadPlanScan(plan.id);
  const download = useDownload();
  const [file, setFile] = useState<File | null>(null);
  const errors = upload.error instanceof ApiError ? planFieldErrors(upload.error.problem) : {};
  function submit(ev: FormEvent) {
    ev.preventDefault();
    if (file) upload.mutate(file, { onSuccess: () => setFile(null) });
  }
  return (
    <section aria-labelledby="plan-scan">
      <h2 id="plan-scan">{t('plans.scan')}</h2>
      <ErrorBanner error={download.error} />
      <p>
        {plan.scan_filename ? (
          <button type="button" className="link-button" onClick={() => download.run(planScanUrl(plan.id), plan.scan_filename ?? 'ke-hoach.pdf')}>
            {plan.scan_filename}
          </button>
        ) : (
          <span className="muted">{t('plans.noScan')}</span>
        )}
      </p>
      {plan.allowed_actions.includes('attach_scan') && (
        <form className="form" onSubmit={submit} noValidate aria-label={t('plans.uploadScan')}>
          <ErrorBanner error={upload.error} fields={['file']} />
          <div className="field">
            <label htmlFor="plan-scan-file">{t('plans.scanFile')}</label>
            <input id="plan-scan-file" name="file" type="file" accept="application/pdf,image/png,image/jpeg" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <p className="field-hint">{t('plans.scanHint')}</p>
            {errors.file && <p className="field-error">{errors.file}</p>}
          </div>
          <div className="form-actions">
            <button type="submit" disabled={!file || upload.isPending}>
              {t('plans.uploadScan')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The commune's plan: number, issue, signer, sections with their headings, and its dispatches. */
function CommunePlan({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const c = normalizeContent(plan.content);
  return (
    <article className="plan-sections">
      <dl className="details">
        <dt>{t('plans.number')}</dt>
        <dd>{plan.number || t('common.none')}</dd>
        <dt>{t('plans.issueDate')}</dt>
        <dd>{formatDate(plan.issue_date)}</dd>
        <dt>{t('plans.signer')}</dt>
        <dd>{[plan.signer_title, plan.signer_name].filter(Boolean).join(' ') || t('common.none')}</dd>
      </dl>
      <ScanPanel plan={plan} />
      {plan.status === 'issued' && <Receipts plan={plan} />}
      {c.sections.map((s, i) => (
        <section key={i}>
          <h2>{s.heading}</h2>
          <p className="pre-line">{s.text}</p>
        </section>
      ))}
    </article>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const c = normalizeContent(plan.content);
  const owners = useOwnerOptions(plan.unit_id, c.tasks);
  return (
    <>
      <dl className="details">
        <dt>{t('plans.number')}</dt>
        <dd>{plan.number || t('common.none')}</dd>
        <dt>{t('plans.issueDate')}</dt>
        <dd>{formatDate(plan.issue_date)}</dd>
        <dt>{t('plans.receivedDate')}</dt>
        <dd>{formatDate(plan.received_date)}</dd>
        <dt>{t('plans.dueDate')}</dt>
        <dd>
          {formatDate(plan.due_date)} <DeadlineBadge status={plan.deadline_status} daysLeft={plan.days_left} />
        </dd>
        <dt>{t('plans.objectives')}</dt>
        <dd className="pre-line">{c.objectives || t('common.none')}</dd>
        <dt>{t('plans.solutions')}</dt>
        <dd className="pre-line">{c.solutions || t('common.none')}</dd>
        <dt>{t('plans.responsibilities')}</dt>
        <dd className="pre-line">{c.responsibilities || t('common.none')}</dd>
      </dl>
      <h3>{t('plans.targets')}</h3>
      <DataTable
        rows={c.targets}
        rowKey={(x) => `${x.indicator_code}-${x.school_year}-${String(x.target_value)}`}
        columns={[
          { key: 'code', label: t('plans.indicator'), render: (x) => x.indicator_code },
          { key: 'year', label: t('fields.schoolYear'), render: (x) => x.school_year },
          { key: 'value', label: t('plans.targetValue'), render: (x) => String(x.target_value) },
          { key: 'note', label: t('plans.note'), render: (x) => x.note ?? '' },
        ]}
      />
      <h3>{t('plans.tasks')}</h3>
      <DataTable
        rows={c.tasks.map((task, index) => ({ task, index }))}
        rowKey={(x) => x.index}
        columns={[
          { key: 'title', label: t('plans.taskTitle'), render: (x) => x.task.title },
          { key: 'owner', label: t('plans.owner'), render: (x) => ownerName(x.task, owners) },
          { key: 'start', label: t('plans.startDate'), render: (x) => formatDate(x.task.start_date) },
          { key: 'due', label: t('plans.taskDue'), render: (x) => formatDate(x.task.due_date) },
          { key: 'status', label: t('plans.taskStatus'), render: (x) => t(`plans.taskStatuses.${x.task.status}`) },
          { key: 'progress', label: t('plans.progress'), className: 'col-num', render: (x) => `${x.task.progress_percent}%` },
          { key: 'done', label: t('plans.doneDate'), render: (x) => formatDate(x.task.done_date) },
          {
            key: 'overdue',
            label: t('plans.overdue'),
            render: (x) => (plan.overdue_tasks.includes(x.index) ? <span className="badge badge-danger">{t('plans.overdue')}</span> : ''),
          },
          {
            key: 'result',
            label: t('plans.resultNote'),
            render: (x) => (
              <>
                {x.task.result_note}
                {(x.task.evidence_links ?? []).map((href) => (
                  <a key={href} href={href} target="_blank" rel="noreferrer" className="evidence-link">
                    {' '}
                    {t('plans.evidence')}
                  </a>
                ))}
              </>
            ),
          },
        ]}
      />
      <MonthView tasks={c.tasks} owners={owners} />
      <h3>{t('plans.roadmap')}</h3>
      <DataTable
        rows={c.roadmap.map((m, index) => ({ m, index }))}
        rowKey={(x) => x.index}
        columns={[
          { key: 'title', label: t('plans.milestoneTitle'), render: (x) => x.m.title },
          { key: 'date', label: t('plans.milestoneDate'), render: (x) => formatDate(x.m.target_date) },
        ]}
      />
    </>
  );
}

function asLines(raw: Plan['budget_lines']): BudgetLine[] {
  return raw.map((l) => ({
    source: BUDGET_SOURCES.find((s) => s === l.source) ?? 'other',
    amount_vnd: typeof l.amount_vnd === 'number' ? l.amount_vnd : 0,
    description: typeof l.description === 'string' ? l.description : '',
  }));
}

function BudgetPanel({
  plan,
  errors,
  busy,
  onSave,
}: {
  plan: Plan;
  errors: Record<string, string>;
  busy: boolean;
  onSave: (lines: BudgetLine[]) => void;
}) {
  const { t } = useTranslation();
  const editable = plan.allowed_actions.includes('edit_budget');
  const [lines, setLines] = useState<BudgetLine[]>(() => asLines(plan.budget_lines));
  const [amounts, setAmounts] = useState<string[]>(() => asLines(plan.budget_lines).map((l) => String(l.amount_vnd)));
  if (!editable)
    return (
      <section aria-labelledby="budget">
        <h2 id="budget">{t('plans.budget')}</h2>
        <DataTable
          rows={asLines(plan.budget_lines).map((l, i) => ({ l, i }))}
          rowKey={(x) => x.i}
          columns={[
            { key: 'source', label: t('plans.budgetSource'), render: (x) => t(`plans.budgetSources.${x.l.source}`) },
            { key: 'desc', label: t('plans.budgetDescription'), render: (x) => x.l.description },
            { key: 'amount', label: t('plans.amount'), className: 'col-num', render: (x) => formatVnd(x.l.amount_vnd) },
          ]}
        />
        <p>
          {t('plans.budgetTotal')}: <strong>{formatVnd(plan.budget_total_vnd)}</strong>
        </p>
      </section>
    );
  const parsed = amounts.map((a) => (/^\d+$/.test(a.replace(/[.\s]/g, '')) ? Number(a.replace(/[.\s]/g, '')) : 0));
  return (
    <section aria-labelledby="budget">
      <h2 id="budget">{t('plans.budget')}</h2>
      <form
        className="form form-wide"
        noValidate
        aria-label={t('plans.budget')}
        onSubmit={(e) => {
          e.preventDefault();
          onSave(lines.map((l, i) => ({ ...l, description: l.description.trim(), amount_vnd: parsed[i] ?? 0 })));
        }}
      >
        {lines.map((l, i) => (
          <fieldset key={i} className="plan-item">
            <legend>{t('plans.budgetLineN', { n: i + 1 })}</legend>
            <div className="plan-grid">
              <SelectField
                id={`budget-${i}-source`}
                label={t('plans.budgetSource')}
                value={l.source}
                options={BUDGET_SOURCES.map((s) => ({ value: s, label: t(`plans.budgetSources.${s}`) }))}
                onChange={(v) => setLines((ls) => ls.map((x, j) => (j === i ? { ...x, source: v as BudgetLine['source'] } : x)))}
                error={errors[`budget_lines.${i}.source`]}
              />
              <TextField
                id={`budget-${i}-amount`}
                label={t('plans.amountVnd')}
                inputMode="numeric"
                value={amounts[i] ?? ''}
                onChange={(v) => setAmounts((as) => as.map((x, j) => (j === i ? v : x)))}
                hint={formatVnd(parsed[i] ?? 0)}
                error={errors[`budget_lines.${i}.amount_vnd`]}
              />
              <TextField
                id={`budget-${i}-description`}
                label={t('plans.budgetDescription')}
                value={l.description}
                onChange={(v) => setLines((ls) => ls.map((x, j) => (j === i ? { ...x, description: v } : x)))}
                error={errors[`budget_lines.${i}.description`]}
              />
            </div>
            <button
              type="button"
              onClick={() => {
                setLines((ls) => ls.filter((_, j) => j !== i));
                setAmounts((as) => as.filter((_, j) => j !== i));
              }}
            >
              {t('plans.removeBudgetLine')}
            </button>
          </fieldset>
        ))}
        <p>
          <button
            type="button"
            onClick={() => {
              setLines((ls) => [...ls, emptyBudgetLine()]);
              setAmounts((as) => [...as, '0']);
            }}
          >
            {t('plans.addBudgetLine')}
          </button>
        </p>
        <p>
          {t('plans.budgetTotal')}: <strong>{formatVnd(budgetTotal(parsed.map((amount_vnd) => ({ amount_vnd }))))}</strong>
        </p>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('plans.saveBudget')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ReviewBox({
  plan,
  errors,
  busy,
  onReturn,
  onApprove,
}: {
  plan: Plan;
  errors: Record<string, string>;
  busy: boolean;
  onReturn: (comment: string) => void;
  onApprove: () => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const canReturn = plan.allowed_actions.includes('return');
  const canApprove = plan.allowed_actions.includes('approve');
  if (!canReturn && !canApprove) return null;
  return (
    <section aria-labelledby="review">
      <h2 id="review">{t('plans.review')}</h2>
      {canReturn && (
        <TextAreaField id="return_comment" label={t('plans.returnComment')} value={comment} onChange={setComment} error={errors.comment} />
      )}
      <div className="actions">
        {canReturn && (
          <button type="button" className="danger" disabled={busy} onClick={() => onReturn(comment.trim())}>
            {t('plans.return')}
          </button>
        )}
        {canApprove && (
          <button type="button" className="primary" disabled={busy} onClick={onApprove}>
            {t('plans.approve')}
          </button>
        )}
      </div>
    </section>
  );
}

function VersionsPanel({ planId, count }: { planId: number; count: number }) {
  const { t } = useTranslation();
  const query = usePlanVersions(planId);
  const versions: PlanVersion[] = query.data ?? [];
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const va = versions.find((v) => String(v.number) === a) ?? versions[versions.length - 2];
  const vb = versions.find((v) => String(v.number) === b) ?? versions[versions.length - 1];
  const cmp = va && vb ? compareVersions(va.snapshot, vb.snapshot) : null;
  const options = versions.map((v) => ({ value: String(v.number), label: `${v.number} – ${t(`plans.events.${v.event}`, { defaultValue: v.event })}` }));
  const row = (label: string, x: string | number, y: string | number) => (
    <tr key={label} className={x !== y ? 'diff-changed' : undefined}>
      <th scope="row">{label}</th>
      <td>{x}</td>
      <td>{y}</td>
    </tr>
  );
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">
        {t('plans.versions')} <span className="muted">({count})</span>
      </h2>
      <ErrorBanner error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : (
        <DataTable
          rows={versions}
          rowKey={(v) => v.number}
          className="plan-versions"
          columns={[
            { key: 'n', label: t('plans.versionNumber'), className: 'col-num', render: (v) => v.number },
            { key: 'event', label: t('plans.event'), render: (v) => t(`plans.events.${v.event}`, { defaultValue: v.event }) },
            { key: 'comment', label: t('plans.comment'), render: (v) => v.comment ?? '' },
            { key: 'at', label: t('plans.at'), render: (v) => formatDateTime(v.created_at) },
          ]}
        />
      )}
      {versions.length >= 2 && va && vb && cmp && (
        <>
          <h3>{t('plans.compare')}</h3>
          <div className="filters">
            <SelectField id="version-a" label={t('plans.versionA')} value={String(va.number)} onChange={setA} options={options} />
            <SelectField id="version-b" label={t('plans.versionB')} value={String(vb.number)} onChange={setB} options={options} />
          </div>
          <table className="table compare">
            <thead>
              <tr>
                <th scope="col">{t('plans.compareItem')}</th>
                <th scope="col">{t('plans.versionLabel', { n: va.number })}</th>
                <th scope="col">{t('plans.versionLabel', { n: vb.number })}</th>
              </tr>
            </thead>
            <tbody>
              {row(t('plans.titleField'), cmp.a.title, cmp.b.title)}
              {row(t('plans.objectives'), cmp.a.objectives, cmp.b.objectives)}
              {row(t('plans.targetCount'), cmp.a.targets, cmp.b.targets)}
              {row(t('plans.taskCount'), cmp.a.tasks, cmp.b.tasks)}
              {row(t('plans.budgetTotal'), formatVnd(cmp.a.budget), formatVnd(cmp.b.budget))}
            </tbody>
          </table>
          <p>
            {t('plans.tasksAdded')}: {cmp.added.length ? cmp.added.join('; ') : t('common.none')}
          </p>
          <p>
            {t('plans.tasksRemoved')}: {cmp.removed.length ? cmp.removed.join('; ') : t('common.none')}
          </p>
        </>
      )}
    </section>
  );
}

export function PlanPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = usePlan(id);
  const plan = query.data;
  const change = usePlanChange(plan);
  const [saved, setSaved] = useState<string | null>(null);

  if (query.isPending)
    return (
      <section>
        <Loading />
      </section>
    );
  if (!plan)
    return (
      <section>
        <ErrorBanner error={query.error} />
      </section>
    );

  const errors = change.error instanceof ApiError ? planFieldErrors(change.error.problem) : {};
  const done = (message: string) => ({
    onSuccess: () => setSaved(message),
    onError: () => setSaved(null),
  });
  const canUpdate = plan.allowed_actions.includes('update');

  return (
    <section>
      <p>
        <Link to="/plans">← {t('plans.title')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{plan.title}</h1>
          <p className="muted">
            {plan.unit_name} · <PlanStatusBadge status={plan.status} />
          </p>
        </div>
        {plan.allowed_actions.includes('submit') && (
          <div className="actions">
            <button type="button" className="primary" disabled={change.isPending} onClick={() => change.mutate({ kind: 'submit' }, done(t('plans.submitted')))}>
              {t('plans.submit')}
            </button>
          </div>
        )}
      </div>
      <ErrorBanner error={change.error} fields={BANNER_FIELDS} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {saved}
        </p>
      )}
      {plan.status === 'returned' && plan.return_comment && (
        <div className="alert alert-info" role="note">
          <strong>{t('plans.returnedWith')}</strong> <span className="pre-line">{plan.return_comment}</span>
        </div>
      )}
      {plan.kind === 'commune' ? (
        <>
          <CommunePlan plan={plan} />
          {plan.allowed_actions.includes('issue') && (
            <IssueForm key={`issue-${plan.version}`} errors={errors} busy={change.isPending} onIssue={(body) => change.mutate({ kind: 'issue', body }, done(t('plans.issued')))} />
          )}
          {/* Phòng Kinh tế keeps the commune plan's budget lines too */}
          {(plan.allowed_actions.includes('edit_budget') || plan.budget_lines.length > 0) && (
            <BudgetPanel
              key={JSON.stringify([plan.status, plan.budget_lines])}
              plan={plan}
              errors={errors}
              busy={change.isPending}
              onSave={(lines) => change.mutate({ kind: 'budget', lines }, done(t('plans.budgetSaved')))}
            />
          )}
        </>
      ) : (
        <>
          {canUpdate ? (
            <PlanEditor
              // re-created when the saved plan text changes (save, reload after 412), not after a budget save
              key={JSON.stringify([plan.status, plan.number, plan.title, plan.issue_date, plan.received_date, plan.content])}
              plan={plan}
              errors={errors}
              busy={change.isPending}
              onSave={(body) => change.mutate({ kind: 'update', body }, done(t('plans.saved')))}
            />
          ) : (
            <PlanView plan={plan} />
          )}
          {plan.allowed_actions.includes('update_progress') && (
            <ProgressForm
              key={`progress-${plan.version}`}
              plan={plan}
              errors={errors}
              busy={change.isPending}
              onSave={(index, body) => change.mutate({ kind: 'progress', index, body }, done(t('plans.progressSaved')))}
            />
          )}
          <AdjustmentPanel
            key={`adjust-${plan.version}`}
            plan={plan}
            errors={errors}
            busy={change.isPending}
            onSubmit={(reason, content) => change.mutate({ kind: 'adjust', reason, content }, done(t('plans.adjustmentSent')))}
            onApprove={() => change.mutate({ kind: 'approveAdjustment' }, done(t('plans.adjustmentApproved')))}
            onReturn={(comment) => change.mutate({ kind: 'returnAdjustment', comment }, done(t('plans.adjustmentReturned')))}
          />
          <BudgetPanel
            key={JSON.stringify([plan.status, plan.budget_lines])}
            plan={plan}
            errors={errors}
            busy={change.isPending}
            onSave={(lines) => change.mutate({ kind: 'budget', lines }, done(t('plans.budgetSaved')))}
          />
          <ReviewBox
            key={`review-${plan.version}`}
            plan={plan}
            errors={errors}
            busy={change.isPending}
            onReturn={(comment) => change.mutate({ kind: 'return', comment }, done(t('plans.returned')))}
            onApprove={() => change.mutate({ kind: 'approve' }, done(t('plans.approved')))}
          />
          <VersionsPanel planId={plan.id} count={plan.version_count} />
        </>
      )}
    </section>
  );
}

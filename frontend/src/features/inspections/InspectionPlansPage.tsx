import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { InspectionPlan } from '../../api/types';
import { ApiError, fieldErrors } from '../../api/problem';
import { downloadFile } from '../../api/client';
import { useMe } from '../../lib/auth';
import { useSchoolOptions } from '../../lib/queries/units';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { useCreatePlan, useIssuePlan, usePlans } from './api/findings';
import { formatDate } from '../../lib/format';

interface ItemRow {
  unit: string;
  date: string;
  team: string;
  content: string;
}

const EMPTY: ItemRow = { unit: '', date: '', team: '', content: '' };

function CreatePlanForm() {
  const { t } = useTranslation();
  const create = useCreatePlan();
  const schools = useSchoolOptions();
  const [year, setYear] = useState('2025-2026');
  const [title, setTitle] = useState('Kế hoạch kiểm tra việc thực hiện Phong trào thi đua');
  const [purpose, setPurpose] = useState('');
  const [items, setItems] = useState<ItemRow[]>([{ ...EMPTY }]);
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};
  const set = (n: number, patch: Partial<ItemRow>) => setItems((rows) => rows.map((r, i) => (i === n ? { ...r, ...patch } : r)));

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({
      school_year: year.trim(),
      title: title.trim(),
      purpose: purpose.trim(),
      items: items.map((r) => ({ unit_id: Number(r.unit) || 0, scheduled_on: r.date, team: r.team.trim(), content: r.content.trim() })),
    });
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label={t('inspectionPlans.create')}>
      <h2>{t('inspectionPlans.create')}</h2>
      <ErrorBanner error={create.error} fields={['school_year', 'title', 'purpose', 'items']} />
      <TextField id="plan-year" label={t('fields.schoolYear')} value={year} onChange={setYear} error={errors.school_year} />
      <TextField id="plan-title" label={t('inspectionPlans.titleField')} value={title} onChange={setTitle} error={errors.title} />
      <TextAreaField id="plan-purpose" label={t('inspectionPlans.purpose')} value={purpose} onChange={setPurpose} error={errors.purpose} />
      {items.map((r, n) => (
        <fieldset key={n} className="field plan-item">
          <legend>{t('inspectionPlans.visit', { n: n + 1 })}</legend>
          <SelectField
            id={`item-${n}-unit`}
            label={t('inspectionPlans.school')}
            value={r.unit}
            onChange={(v) => set(n, { unit: v })}
            empty={t('inspectionPlans.chooseSchool')}
            options={(schools.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            error={errors[`items.${n}.unit_id`]}
          />
          <TextField id={`item-${n}-date`} type="date" label={t('inspectionPlans.date')} value={r.date} onChange={(v) => set(n, { date: v })} error={errors[`items.${n}.scheduled_on`]} />
          <TextField id={`item-${n}-team`} label={t('inspectionPlans.team')} value={r.team} onChange={(v) => set(n, { team: v })} error={errors[`items.${n}.team`]} />
          <TextAreaField id={`item-${n}-content`} label={t('inspectionPlans.content')} value={r.content} onChange={(v) => set(n, { content: v })} error={errors[`items.${n}.content`]} />
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="button" onClick={() => setItems((rows) => [...rows, { ...EMPTY }])}>
          {t('inspectionPlans.addVisit')}
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('inspectionPlans.save')}
        </button>
      </div>
    </form>
  );
}

function IssueForm({ plan }: { plan: InspectionPlan }) {
  const { t } = useTranslation();
  const issue = useIssuePlan(plan);
  const [number, setNumber] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const [signer, setSigner] = useState('');
  const [title, setTitle] = useState('Chủ tịch');
  const errors = issue.error instanceof ApiError ? fieldErrors(issue.error.problem) : {};
  return (
    <form
      className="form"
      noValidate
      aria-label={t('inspectionPlans.issue')}
      onSubmit={(e) => {
        e.preventDefault();
        issue.mutate({ number: number.trim(), signed_on: signedOn, signer_name: signer.trim(), signer_title: title.trim() });
      }}
    >
      <ErrorBanner error={issue.error} fields={['number', 'signed_on', 'signer_name', 'signer_title']} />
      <TextField id={`issue-${plan.id}-number`} label={t('inspectionFindings.number')} value={number} onChange={setNumber} error={errors.number} />
      <TextField id={`issue-${plan.id}-date`} type="date" label={t('inspectionFindings.signedOn')} value={signedOn} onChange={setSignedOn} error={errors.signed_on} />
      <TextField id={`issue-${plan.id}-signer`} label={t('inspectionFindings.signerName')} value={signer} onChange={setSigner} error={errors.signer_name} />
      <TextField id={`issue-${plan.id}-title`} label={t('inspectionFindings.signerTitle')} value={title} onChange={setTitle} error={errors.signer_title} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={issue.isPending}>
          {t('inspectionPlans.issue')}
        </button>
      </div>
    </form>
  );
}

/** Whether a planned visit was made: by which inspection, its findings at the school, the minutes. */
function VisitDone({ item, onError }: { item: InspectionPlan['items'][number]; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const done = item.inspection;
  if (!done) return <span className="muted">{t('actors.visits.notYet')}</span>;
  return (
    <div className="visit-done">
      <Link to={`/inspections/${done.inspection_id}`}>{done.title}</Link>{' '}
      <span className={`badge badge-${done.status === 'closed' ? 'ok' : 'warn'}`}>{t(`actors.visits.statuses.${done.status}`)}</span>
      <br />
      {formatDate(done.inspection_date)} · {t('actors.visits.findings', { count: done.findings, open: done.open_findings })}
      <br />
      <button
        type="button"
        className="link-button"
        onClick={() => {
          onError(null);
          downloadFile(done.minutes_url, `bien-ban-kiem-tra-${done.inspection_id}.docx`).catch(onError);
        }}
        aria-label={t('actors.visits.minutesOf', { school: item.unit_name })}
      >
        {t('actors.visits.minutes')}
      </button>
    </div>
  );
}

function PlanCard({ plan }: { plan: InspectionPlan }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  return (
    <article className="card inspection-plan" aria-label={plan.title}>
      <h2>
        {plan.title} · {plan.school_year}
      </h2>
      <p>
        <span className={`badge badge-${plan.status === 'issued' ? 'ok' : 'warn'}`}>{t(`inspectionPlans.statuses.${plan.status}`)}</span>{' '}
        {plan.number && t('inspectionPlans.issuedLine', { number: plan.number, date: formatDate(plan.signed_on), signer: plan.signer_name })}
      </p>
      {plan.purpose && <p className="pre-line">{plan.purpose}</p>}
      <DataTable
        rows={plan.items}
        rowKey={(i) => i.id}
        className="plan-items"
        caption={t('actors.visits.caption', { year: plan.school_year })}
        columns={[
          { key: 'school', label: t('inspectionPlans.school'), render: (i) => i.unit_name },
          { key: 'date', label: t('inspectionPlans.date'), render: (i) => formatDate(i.scheduled_on) },
          { key: 'team', label: t('inspectionPlans.team'), render: (i) => i.team },
          { key: 'content', label: t('inspectionPlans.content'), render: (i) => i.content },
          ...(plan.status === 'issued'
            ? [{ key: 'done', label: t('actors.visits.done'), render: (i: InspectionPlan['items'][number]) => <VisitDone item={i} onError={setError} /> }]
            : []),
        ]}
      />
      {plan.status === 'issued' && (
        <button
          type="button"
          onClick={() => {
            setError(null);
            downloadFile(`/api/v1/inspection-plans/${plan.id}/document.docx`, `ke-hoach-kiem-tra-${plan.school_year}.docx`).catch(setError);
          }}
        >
          {t('inspectionPlans.download')}
        </button>
      )}
      <ErrorBanner error={error} />
      {plan.allowed_actions.includes('issue') && <IssueForm key={plan.version} plan={plan} />}
    </article>
  );
}

/** "Kế hoạch kiểm tra": the yearly schedule the commune drafts and issues. */
export function InspectionPlansPage() {
  const { t } = useTranslation();
  const me = useMe();
  const plans = usePlans();
  return (
    <section>
      <h1>{t('inspectionPlans.title')}</h1>
      {plans.isPending ? (
        <Loading />
      ) : plans.error ? (
        <ErrorBanner error={plans.error} />
      ) : plans.data.items.length === 0 ? (
        <p className="muted">{t('common.empty')}</p>
      ) : (
        plans.data.items.map((p) => <PlanCard key={`${p.id}-${p.version}`} plan={p} />)
      )}
      {me.permissions.includes('inspections:manage') && <CreatePlanForm />}
    </section>
  );
}

import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Report, ReportUpdate } from '../../api/types';
import { ApiError, fieldErrors } from '../../api/problem';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { TextAreaField } from '../../components/fields';
import { DeadlineBadge, PlanStatusBadge } from '../../components/PlanBadges';
import { useReport, useReportChange } from './api/reports';
import { figureRows } from './figures';
import { ReportStatusBadge } from './ReportRequestPage';
import { formatDate } from '../../lib/format';

function Figures({ report }: { report: Report }) {
  const { t } = useTranslation();
  const { figures, activities } = figureRows(report.figures);
  return (
    <dl className="details figures">
      {figures.map((f) => (
        <div key={f.key} style={{ display: 'contents' }}>
          <dt>{t(`reports.figures.${f.key}`)}</dt>
          <dd>
            {f.kind === 'status' ? (
              f.scope === 'plans.statuses' ? (
                <PlanStatusBadge status={f.value} />
              ) : f.scope === 'plans.deadline' ? (
                <DeadlineBadge status={f.value} />
              ) : (
                t(`${f.scope}.${f.value}`, { defaultValue: f.value })
              )
            ) : f.kind === 'percent' ? (
              `${f.value}%`
            ) : (
              f.value
            )}
          </dd>
        </div>
      ))}
      <dt>{t('reports.figures.activities')}</dt>
      <dd>
        {activities.length === 0 ? (
          t('common.none')
        ) : (
          <ul>
            {activities.map((a) => (
              <li key={a.label}>
                {a.label}: {a.count}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

function ReportForm({
  report,
  busy,
  errors,
  onSave,
  onSubmit,
}: {
  report: Report;
  busy: boolean;
  errors: Record<string, string>;
  onSave: (body: ReportUpdate) => void;
  onSubmit: (body: ReportUpdate | undefined) => void;
}) {
  const { t } = useTranslation();
  const [results, setResults] = useState(report.results);
  const [difficulties, setDifficulties] = useState(report.difficulties);
  const [proposals, setProposals] = useState(report.proposals);
  const editable = report.allowed_actions.includes('update');
  const body: ReportUpdate = { results: results.trim(), difficulties: difficulties.trim(), proposals: proposals.trim() };
  const dirty = body.results !== report.results || body.difficulties !== report.difficulties || body.proposals !== report.proposals;
  return (
    <form
      className="form form-wide"
      noValidate
      aria-label={t('reports.report')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(body);
      }}
    >
      <TextAreaField id="results" label={t('reports.results')} rows={5} value={results} onChange={setResults} error={errors.results} readOnly={!editable} />
      <TextAreaField
        id="difficulties"
        label={t('reports.difficulties')}
        rows={4}
        value={difficulties}
        onChange={setDifficulties}
        error={errors.difficulties}
        readOnly={!editable}
      />
      <TextAreaField id="proposals" label={t('reports.proposals')} rows={4} value={proposals} onChange={setProposals} error={errors.proposals} readOnly={!editable} />
      <div className="form-actions">
        {editable && (
          <button type="submit" disabled={busy}>
            {t('reports.save')}
          </button>
        )}
        {report.allowed_actions.includes('submit') && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => onSubmit(editable && dirty ? body : undefined)}
          >
            {t('reports.submit')}
          </button>
        )}
      </div>
    </form>
  );
}

export function ReportPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useReport(id);
  const report = query.data;
  const change = useReportChange(report);
  const [message, setMessage] = useState<string | null>(null);
  const run = (c: Parameters<typeof change.mutate>[0], done: string) => {
    setMessage(null);
    change.mutate(c, { onSuccess: () => setMessage(done) });
  };

  if (query.isPending)
    return (
      <section>
        <Loading />
      </section>
    );
  if (!report)
    return (
      <section>
        <ErrorBanner error={query.error} />
      </section>
    );

  return (
    <section>
      <p>
        <Link to={`/report-requests/${report.request_id}`}>← {report.request_title}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t('reports.reportOf', { unit: report.unit_name })}</h1>
          <p className="muted">
            {report.request_title} · {t('reports.dueDate')} {formatDate(report.due_date)} · <ReportStatusBadge status={report.status} />
            {report.late && <span className="badge badge-danger">{t('reports.lateMark')}</span>}
          </p>
        </div>
      </div>
      <ErrorBanner error={change.error} fields={['results', 'difficulties', 'proposals']} />
      {message && (
        <p className="alert alert-ok" role="status">
          {message}
        </p>
      )}
      <div className="page-head">
        <h2>{t('reports.figuresTitle')}</h2>
        {report.allowed_actions.includes('refresh_figures') && (
          <button type="button" disabled={change.isPending} onClick={() => run({ kind: 'refresh' }, t('reports.refreshed'))}>
            {t('reports.refreshFigures')}
          </button>
        )}
      </div>
      <p className="field-hint">{t('reports.figuresHint')}</p>
      <Figures report={report} />
      <h2>{t('reports.report')}</h2>
      {/* re-created when the saved text changes (save, reload after 412), not when only the figures do */}
      <ReportForm
        key={[report.id, report.status, report.results, report.difficulties, report.proposals].join('\u0000')}
        report={report}
        busy={change.isPending}
        errors={change.error instanceof ApiError ? fieldErrors(change.error.problem) : {}}
        onSave={(body) => run({ kind: 'update', body }, t('reports.saved'))}
        onSubmit={(body) => run({ kind: 'submit', body }, t('reports.submitted'))}
      />
    </section>
  );
}

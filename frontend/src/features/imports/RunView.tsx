import { useTranslation } from 'react-i18next';
import { locale } from '../../lib/i18n';
import { progressPercent, rowErrorText, summaryOutcome, summaryRows, type RunOutcome } from './imports';
import type { ImportJob, ImportSummary, RowError } from './types';

export type RunMode = 'dry' | 'real';

/** The state of a dry run ("Kết quả kiểm tra") or of an import ("Kết quả nhập"): progress, then the summary. */
export function RunView({ mode, outcome, replayed }: { mode: RunMode; outcome: RunOutcome; replayed: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="import-run" aria-labelledby="import-run-title">
      <h2 id="import-run-title">{mode === 'dry' ? t('imports.preview.title') : t('imports.result.title')}</h2>
      {outcome.job && <JobProgress job={outcome.job} mode={mode} />}
      {outcome.error !== null && (
        <div className="alert alert-error" role="alert">
          <p>{t('imports.result.failed', { error: outcome.error || t('errors.generic') })}</p>
        </div>
      )}
      {replayed && <p className="muted">{t('imports.result.replayed')}</p>}
      {outcome.summary && <SummaryView summary={outcome.summary} />}
    </section>
  );
}

/** The progress bar of a background job; it stays (full) when the job has succeeded. */
function JobProgress({ job, mode }: { job: ImportJob; mode: RunMode }) {
  const { t } = useTranslation();
  const percent = progressPercent(job);
  const label = mode === 'dry' ? t('imports.progress.check') : t('imports.progress.import');
  const rows =
    job.status === 'queued'
      ? t('imports.progress.queued')
      : job.total_rows
        ? t('imports.progress.rows', { processed: job.processed_rows, total: job.total_rows, percent })
        : t('imports.progress.rowsUnknown', { processed: job.processed_rows });
  return (
    <div className="import-progress">
      <p className="muted">{t('imports.progress.background')}</p>
      <progress aria-label={label} aria-describedby="import-progress-text" max={100} value={percent} />
      <p id="import-progress-text" role="status">
        {job.status === 'succeeded' ? t('imports.progress.done') : job.status === 'failed' ? t('imports.progress.failed') : rows}
      </p>
    </div>
  );
}

function SummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const outcome = summaryOutcome(summary);
  const tone = outcome === 'checked' || outcome === 'completed' ? 'alert-ok' : outcome === 'partial' ? 'alert-info' : 'alert-error';
  return (
    <>
      <p className={`alert ${tone}`} role="status">
        {t(`imports.outcome.${outcome}`, { count: summary.rejected })}
      </p>
      <dl className="import-counts" aria-label={t('imports.counts.label')}>
        {summaryRows(summary).map((r) => (
          <div key={r.key} className={`import-count import-count-${r.tone}`}>
            <dt>{t(r.label)}</dt>
            <dd>{r.value.toLocaleString(locale())}</dd>
          </div>
        ))}
      </dl>
      {summary.ignored_columns.length > 0 && (
        <p className="muted">{t('imports.errors.ignoredColumns', { columns: summary.ignored_columns.join(', ') })}</p>
      )}
      {summary.errors.length > 0 && <RowErrorsTable errors={summary.errors} />}
      {summary.errors_truncated && <p className="muted">{t('imports.errors.truncated')}</p>}
    </>
  );
}

/** Rejected rows: row number in the file, column, value sent, reason (UI language; the other one as tooltip). */
function RowErrorsTable({ errors }: { errors: RowError[] }) {
  const { t, i18n } = useTranslation();
  const cols = [t('imports.errors.row'), t('imports.errors.column'), t('imports.errors.value'), t('imports.errors.reason')] as const;
  return (
    <>
      <h3 id="import-errors-title">{t('imports.errors.title')}</h3>
      <table className="table import-errors" aria-label={t('imports.errors.title')}>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => {
            const reason = rowErrorText(e, i18n.language);
            return (
              <tr key={`${e.row}-${e.column ?? ''}-${i}`}>
                <td data-label={cols[0]}>{e.row}</td>
                <td data-label={cols[1]}>{e.column ? <code>{e.column}</code> : t('imports.errors.wholeRow')}</td>
                <td data-label={cols[2]}>{e.value ? <code>{e.value}</code> : <span className="muted">{t('imports.errors.empty')}</span>}</td>
                <td data-label={cols[3]}>
                  <span title={reason.title} lang={i18n.language.startsWith('en') ? 'en' : 'vi'}>
                    {reason.text}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { InspectionFinding } from '../../api/types';
import { ApiError, fieldErrors } from '../../api/problem';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { TextAreaField } from '../../components/fields';
import { useRecommendations, useReportDone } from './api/findings';

function ReportDoneForm({ finding }: { finding: InspectionFinding }) {
  const { t } = useTranslation();
  const report = useReportDone(finding);
  const [note, setNote] = useState('');
  const errors = report.error instanceof ApiError ? fieldErrors(report.error.problem) : {};
  return (
    <form
      className="form"
      noValidate
      aria-label={t('inspectionFindings.reportDone')}
      onSubmit={(e) => {
        e.preventDefault();
        report.mutate(note.trim());
      }}
    >
      <ErrorBanner error={report.error} fields={['note']} />
      <TextAreaField id={`note-${finding.id}`} label={t('inspectionFindings.note')} value={note} onChange={setNote} error={errors.note} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={report.isPending}>
          {t('inspectionFindings.reportDone')}
        </button>
      </div>
    </form>
  );
}

function Recommendation({ f }: { f: InspectionFinding }) {
  const { t } = useTranslation();
  return (
    <li className="card recommendation" aria-label={f.recommendations}>
      <p>
        <Link to={`/inspections/${f.inspection_id}`}>{f.inspection_title}</Link> · {f.unit_name}
        {f.indicator_code && ` · ${f.indicator_code}`}
      </p>
      <p className="pre-line">
        <strong>{t('inspectionFindings.recommendations')}:</strong> {f.recommendations}
      </p>
      {f.follow_up === 'done' ? (
        <p>
          <span className="badge badge-ok">{t('inspectionFindings.followUps.done')}</span> {f.follow_up_note}
        </p>
      ) : (
        f.allowed_actions.includes('report_done') && <ReportDoneForm finding={f} />
      )}
    </li>
  );
}

/** "Kiến nghị sau kiểm tra": what the team recommended, followed up until the school reports it done. */
export function RecommendationsPage() {
  const { t } = useTranslation();
  const pending = useRecommendations('pending');
  const done = useRecommendations('done');
  return (
    <section>
      <h1>{t('inspectionFindings.recommendationsTitle')}</h1>
      <h2>{t('inspectionFindings.followUps.pending')}</h2>
      {pending.isPending ? (
        <Loading />
      ) : pending.error ? (
        <ErrorBanner error={pending.error} />
      ) : pending.data.items.length === 0 ? (
        <p className="muted">{t('inspectionFindings.nonePending')}</p>
      ) : (
        <ul className="recommendations">
          {pending.data.items.map((f) => (
            <Recommendation key={`${f.id}-${f.version}`} f={f} />
          ))}
        </ul>
      )}
      <h2>{t('inspectionFindings.followUps.done')}</h2>
      {done.data && done.data.items.length > 0 ? (
        <ul className="recommendations done">
          {done.data.items.map((f) => (
            <Recommendation key={`${f.id}-${f.version}`} f={f} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t('common.empty')}</p>
      )}
    </section>
  );
}

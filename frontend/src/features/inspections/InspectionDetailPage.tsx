import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Inspection } from '../../api/types';
import { ApiError, fieldErrors } from '../../api/problem';
import { formatDate, formatDateTime } from '../../lib/format';
import { isConflict } from '../../lib/errors';
import { formatNumber } from '../../lib/indicators';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { DataTable } from '../../components/DataTable';
import { TextField } from '../../components/fields';
import { useInspection, useUpdateInspection } from './api/inspections';
import { InspectionStatusBadge } from './InspectionsListPage';
import { RecordValuesForm } from './RecordValuesForm';
import { FindingsPanel } from './FindingsPanel';
import { ClosePanel, DecisionPanel, MinutesButton } from './ClosePanel';

function EditBox({ inspection, onDone }: { inspection: Inspection; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateInspection(inspection);
  const [title, setTitle] = useState(inspection.title);
  const [date, setDate] = useState(inspection.inspection_date);
  const [findings, setFindings] = useState(inspection.findings);
  const errors = update.error instanceof ApiError ? fieldErrors(update.error.problem) : {};
  return (
    <form
      className="form"
      noValidate
      aria-label={t('inspections.edit')}
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate(
          { title: title.trim(), inspection_date: date, findings: findings.trim() },
          { onSuccess: onDone, onError: (err) => isConflict(err) && onDone() },
        );
      }}
    >
      <ErrorBanner error={update.error} fields={['title', 'inspection_date', 'findings']} />
      <TextField id="title" label={t('inspections.titleField')} value={title} onChange={setTitle} error={errors.title} />
      <TextField id="inspection_date" type="date" label={t('inspections.date')} value={date} onChange={setDate} error={errors.inspection_date} />
      <div className="field">
        <label htmlFor="findings">{t('inspections.findings')}</label>
        <textarea id="findings" rows={4} value={findings} onChange={(e) => setFindings(e.target.value)} />
        {errors.findings && <p className="field-error">{errors.findings}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function InspectionDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useInspection(id);
  const i = query.data;
  const status = useUpdateInspection(i);
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (query.isPending)
    return (
      <section>
        <Loading />
      </section>
    );
  if (!i)
    return (
      <section>
        <ErrorBanner error={query.error} />
      </section>
    );

  const canUpdate = i.allowed_actions.includes('update');
  const canRecord = i.allowed_actions.includes('record');

  return (
    <section>
      <p>
        <Link to="/inspections">← {t('inspections.title')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{i.title}</h1>
          <p className="muted">
            {t(`inspections.kinds.${i.kind}`)} · {t('fields.schoolYear')} {i.school_year} · <InspectionStatusBadge status={i.status} />
          </p>
        </div>
        {canUpdate && (
          <div className="actions">
            {!editing && (
              <button type="button" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
            )}
            {i.status === 'closed' && (
              <button type="button" disabled={status.isPending} onClick={() => status.mutate({ status: 'open' })}>
                {t('inspections.reopen')}
              </button>
            )}
          </div>
        )}
      </div>
      <ErrorBanner error={status.error} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {saved}
        </p>
      )}
      {editing ? (
        <EditBox key={i.version} inspection={i} onDone={() => setEditing(false)} />
      ) : (
        <dl className="details">
          <dt>{t('inspections.date')}</dt>
          <dd>{formatDate(i.inspection_date)}</dd>
          <dt>{t('inspections.findings')}</dt>
          <dd className="pre-line">{i.findings || t('common.none')}</dd>
          <dt>{t('inspections.members')}</dt>
          <dd>
            <ul>
              {i.members.map((m) => (
                <li key={m.user_id}>
                  {m.full_name} <span className="muted">({m.login})</span>
                  {m.user_id === i.lead_user_id && <strong> · {t('inspectionFindings.lead')}</strong>}
                </li>
              ))}
            </ul>
          </dd>
          {i.visits.length > 0 && (
            <>
              <dt>{t('actors.visits.ofPlan')}</dt>
              <dd>
                <ul>
                  {i.visits.map((v) => (
                    <li key={v.plan_item_id}>
                      {v.unit_name} · {formatDate(v.scheduled_on)}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt>{t('fields.updatedAt')}</dt>
          <dd>{formatDateTime(i.updated_at)}</dd>
        </dl>
      )}

      <h2>{t('inspections.schools')}</h2>
      {i.units.map((u) => {
        const values = i.values.filter((v) => v.unit_id === u.unit_id);
        return (
          <section key={u.unit_id} className="inspected-unit" aria-labelledby={`unit-${u.unit_id}`}>
            <div className="page-head">
              <h3 id={`unit-${u.unit_id}`}>
                {u.name} <span className="muted">({u.code})</span>
              </h3>
              <MinutesButton inspection={i} unitId={u.unit_id} name={u.name} />
              {/* shown only where it can succeed; otherwise the reason (issue 18.8) */}
              {canRecord && u.record_blocked && <p className="muted record-blocked">{u.record_blocked}</p>}
              {canRecord && !u.record_blocked && recording !== u.unit_id && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    setSaved(null);
                    setRecording(u.unit_id);
                  }}
                >
                  {t('inspections.record')}
                </button>
              )}
            </div>
            {canRecord && !u.record_blocked && recording === u.unit_id && (
              <RecordValuesForm
                inspection={i}
                unitId={u.unit_id}
                onDone={() => setRecording(null)}
                onSaved={() => {
                  setRecording(null);
                  setSaved(t('inspections.saved', { name: u.name }));
                }}
              />
            )}
            <h4>{t('inspections.recordedValues')}</h4>
            <DataTable
              rows={values}
              rowKey={(v) => `${v.indicator_code}-${v.recorded_at}`}
              className="recorded-values"
              columns={[
                { key: 'code', label: t('inspections.indicator'), render: (v) => v.indicator_code },
                { key: 'self', label: t('inspectionFindings.selfValue'), className: 'col-num', render: (v) => (v.self_value == null ? '' : formatNumber(v.self_value)) },
                { key: 'value', label: t('inspections.verifiedValue'), className: 'col-num', render: (v) => formatNumber(v.value) },
                { key: 'applied', label: t('inspectionFindings.applied'), render: (v) => t(v.applied ? 'inspectionFindings.appliedYes' : 'inspectionFindings.appliedNo') },
                { key: 'comment', label: t('inspections.comment'), render: (v) => v.comment ?? '' },
                { key: 'at', label: t('inspections.recordedAt'), render: (v) => formatDateTime(v.recorded_at) },
              ]}
            />
            <FindingsPanel inspection={i} unitId={u.unit_id} />
          </section>
        );
      })}
      {i.allowed_actions.includes('close') && <ClosePanel key={i.version} inspection={i} />}
      {(i.decision || i.allowed_actions.includes('decide')) && <DecisionPanel key={`d-${i.version}`} inspection={i} />}
    </section>
  );
}

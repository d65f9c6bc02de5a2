import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Inspection } from '../../api/types';
import { ApiError } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { isConflict } from '../../lib/errors';
import { valueToInput } from '../../lib/indicators';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useFramework } from '../../lib/queries/frameworks';
import { IndicatorInput, displayValue } from '../../components/IndicatorInput';
import { useRecordValues, useUnitAssessment } from './api/inspections';
import { buildValuesPayload, recordedByIndicator, valueErrors, type ValueRow } from './values';

const slug = (code: string) => code.replace(/[^A-Za-z0-9_-]/g, '_');

/** "Ghi kết quả kiểm tra" for one assigned school: self value next to the verified value and a comment. */
export function RecordValuesForm({
  inspection,
  unitId,
  onDone,
  onSaved,
}: {
  inspection: Inspection;
  unitId: number;
  onDone: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const assessment = useUnitAssessment(unitId, inspection.school_year, true);
  const a = assessment.data;
  const framework = useFramework(a?.framework_id);
  const record = useRecordValues(inspection);
  const recorded = recordedByIndicator(inspection.values, unitId);
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string[]>([]);
  const [nothing, setNothing] = useState(false);
  const idBase = `rec-${unitId}`;

  if (assessment.isPending) return <Loading />;
  if (assessment.error) return <ErrorBanner error={assessment.error} />;
  if (!a) return <p className="alert alert-info">{t('inspections.notSubmitted', { year: inspection.school_year })}</p>;
  if (a.status === 'verified') return <p className="alert alert-info">{t('inspections.alreadyVerified')}</p>;

  const fw = framework.data;
  const entries = new Map(a.entries.map((e) => [e.indicator_code, e]));
  const indicators = (fw?.criteria ?? []).flatMap((c) => c.indicators).filter((i) => i.kind !== 'computed');
  // pre-filled only with what this inspection recorded (a reviewer's verified value is shown, not re-sent)
  const initialValue = (code: string) => raw[code] ?? valueToInput(recorded.get(code)?.value ?? null);
  const initialComment = (code: string) => comments[code] ?? recorded.get(code)?.comment ?? '';
  const server = record.error instanceof ApiError ? valueErrors(record.error.problem, sent) : { byIndicator: {}, general: {} };

  function submit(e: FormEvent) {
    e.preventDefault();
    setNothing(false);
    const rows: ValueRow[] = indicators.map((i) => ({
      code: i.code,
      kind: i.kind,
      levels: i.levels.map((l) => l.value),
      raw: initialValue(i.code),
      comment: initialComment(i.code),
    }));
    const built = buildValuesPayload(rows);
    if (!built.ok) {
      setLocalErrors(Object.fromEntries(Object.entries(built.errors).map(([k, v]) => [k, t(v)])));
      return;
    }
    setLocalErrors({});
    if (built.values.length === 0) return setNothing(true);
    setSent(built.codes);
    record.mutate({ unit_id: unitId, values: built.values }, { onSuccess: onSaved });
  }

  return (
    <form className="record-form" onSubmit={submit} noValidate aria-label={t('inspections.recordFor', { name: a.subject_name })}>
      {a.status === 'draft' && (
        <p className="alert alert-info" role="note">
          {t('inspectionFindings.heldHint')}
        </p>
      )}
      <p className="muted">
        {t('inspections.recordHint')}{' '}
        {me.permissions.includes('assessments:read') && <Link to={`/assessments/${a.id}`}>{t('inspections.openAssessment')}</Link>}
      </p>
      {isConflict(record.error) ? <ErrorBanner error={record.error} /> : <ErrorBanner error={record.error} fields={['values']} />}
      {server.general.unit_id && <p className="field-error">{server.general.unit_id}</p>}
      {nothing && <p className="field-error">{t('inspections.errors.nothing')}</p>}
      <ErrorBanner error={framework.error} />
      {!fw && framework.isPending && <Loading />}
      {indicators.map((ind) => {
        const id = `${idBase}-${slug(ind.code)}`;
        const entry = entries.get(ind.code);
        return (
          <div key={ind.code} className="indicator" role="group" aria-labelledby={`${id}-title`}>
            <h4 id={`${id}-title`}>
              <span className="code">{ind.code}</span> {ind.name}
            </h4>
            <dl className="pair">
              <div>
                <dt>{t('assessments.selfValue')}</dt>
                <dd>{displayValue(ind, entry?.self_value, t)}</dd>
              </div>
              {entry?.verified_value != null && (
                <div>
                  <dt>{t('inspections.currentVerified')}</dt>
                  <dd>{displayValue(ind, entry.verified_value, t)}</dd>
                </div>
              )}
            </dl>
            <IndicatorInput
              id={`${id}-value`}
              label={t('inspections.verifiedValue')}
              indicator={ind}
              value={initialValue(ind.code)}
              onChange={(v) => setRaw((r) => ({ ...r, [ind.code]: v }))}
              onCommit={() => undefined}
              error={localErrors[ind.code] ?? server.byIndicator[ind.code]}
            />
            <div className="field">
              <label htmlFor={`${id}-comment`}>{t('inspections.comment')}</label>
              <input
                id={`${id}-comment`}
                value={initialComment(ind.code)}
                onChange={(e) => setComments((c) => ({ ...c, [ind.code]: e.target.value }))}
              />
            </div>
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={record.isPending || !fw}>
          {t('inspections.saveValues')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inspection, InspectionFinding } from '../../api/types';
import { ApiError, fieldErrors } from '../../api/problem';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { CheckboxField, TextAreaField, TextField } from '../../components/fields';
import { useAddFinding, useFindings, useUpdateFinding } from './api/findings';

/** One finding: what the team found, its state, and (for members) "mark done". */
function FindingCard({ finding, canEdit }: { finding: InspectionFinding; canEdit: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateFinding(finding);
  return (
    <li className="finding card" aria-label={t('inspectionFindings.findingOn', { code: finding.indicator_code ?? t('inspectionFindings.general') })}>
      <p>
        <strong>{finding.indicator_code ?? t('inspectionFindings.general')}</strong>{' '}
        <span className={`badge badge-${finding.status === 'done' ? 'ok' : 'warn'}`}>{t(`inspectionFindings.statuses.${finding.status}`)}</span>
        {finding.mandatory && <span className="badge"> {t('inspectionFindings.mandatory')}</span>}
      </p>
      <dl className="details">
        {finding.strengths && (
          <>
            <dt>{t('inspectionFindings.strengths')}</dt>
            <dd className="pre-line">{finding.strengths}</dd>
          </>
        )}
        {finding.shortcomings && (
          <>
            <dt>{t('inspectionFindings.shortcomings')}</dt>
            <dd className="pre-line">{finding.shortcomings}</dd>
          </>
        )}
        {finding.recommendations && (
          <>
            <dt>{t('inspectionFindings.recommendations')}</dt>
            <dd className="pre-line">{finding.recommendations}</dd>
            <dt>{t('inspectionFindings.followUp')}</dt>
            <dd>
              {t(`inspectionFindings.followUps.${finding.follow_up}`)}
              {finding.follow_up_note ? `: ${finding.follow_up_note}` : ''}
            </dd>
          </>
        )}
      </dl>
      <ErrorBanner error={update.error} />
      {canEdit && finding.status === 'open' && finding.allowed_actions.includes('update') && (
        <button type="button" disabled={update.isPending} onClick={() => update.mutate({ status: 'done' })}>
          {t('inspectionFindings.markDone')}
        </button>
      )}
    </li>
  );
}

function AddFindingForm({ inspection, unitId, onDone }: { inspection: Inspection; unitId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddFinding(inspection);
  const [code, setCode] = useState('');
  const [strengths, setStrengths] = useState('');
  const [shortcomings, setShortcomings] = useState('');
  const [recommendations, setRecommendations] = useState('');
  const [mandatory, setMandatory] = useState(false);
  const [done, setDone] = useState(false);
  const errors = add.error instanceof ApiError ? fieldErrors(add.error.problem) : {};
  const id = `finding-${unitId}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      {
        unit_id: unitId,
        indicator_code: code.trim() || null,
        strengths: strengths.trim(),
        shortcomings: shortcomings.trim(),
        recommendations: recommendations.trim(),
        mandatory,
        status: done ? 'done' : 'open',
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label={t('inspectionFindings.add')}>
      <ErrorBanner error={add.error} fields={['unit_id', 'indicator_code', 'strengths', 'shortcomings', 'recommendations']} />
      <TextField id={`${id}-code`} label={t('inspectionFindings.indicator')} hint={t('inspectionFindings.indicatorHint')} value={code} onChange={setCode} error={errors.indicator_code} />
      <TextAreaField id={`${id}-strengths`} label={t('inspectionFindings.strengths')} value={strengths} onChange={setStrengths} error={errors.strengths} />
      <TextAreaField id={`${id}-shortcomings`} label={t('inspectionFindings.shortcomings')} value={shortcomings} onChange={setShortcomings} error={errors.shortcomings} />
      <TextAreaField id={`${id}-recommendations`} label={t('inspectionFindings.recommendations')} value={recommendations} onChange={setRecommendations} error={errors.recommendations} />
      <CheckboxField id={`${id}-mandatory`} label={t('inspectionFindings.mandatoryField')} checked={mandatory} onChange={setMandatory} />
      <CheckboxField id={`${id}-done`} label={t('inspectionFindings.doneField')} checked={done} onChange={setDone} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('inspectionFindings.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The team's findings at one school, and the form to add one (team members, while open). */
export function FindingsPanel({ inspection, unitId }: { inspection: Inspection; unitId: number }) {
  const { t } = useTranslation();
  const findings = useFindings(inspection.id);
  const [adding, setAdding] = useState(false);
  const canRecord = inspection.allowed_actions.includes('record');
  const mine = (findings.data?.items ?? []).filter((f) => f.unit_id === unitId);
  return (
    <div className="findings">
      <div className="page-head">
        <h4>{t('inspectionFindings.title')}</h4>
        {canRecord && !adding && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('inspectionFindings.add')}
          </button>
        )}
      </div>
      {adding && <AddFindingForm inspection={inspection} unitId={unitId} onDone={() => setAdding(false)} />}
      {findings.isPending ? (
        <Loading />
      ) : findings.error ? (
        <ErrorBanner error={findings.error} />
      ) : mine.length === 0 ? (
        <p className="muted">{t('inspectionFindings.none')}</p>
      ) : (
        <ul className="finding-list">
          {mine.map((f) => (
            <FindingCard key={`${f.id}-${f.version}`} finding={f} canEdit={canRecord} />
          ))}
        </ul>
      )}
    </div>
  );
}

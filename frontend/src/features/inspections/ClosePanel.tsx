import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inspection } from '../../api/types';
import { ApiError, fieldErrors } from '../../api/problem';
import { downloadFile } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextAreaField, TextField } from '../../components/fields';
import { useCloseInspection, useDecide } from './api/findings';
import { formatDate } from '../../lib/format';

/** The team lead writes the overall conclusions and closes the inspection. */
export function ClosePanel({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const close = useCloseInspection(inspection);
  const [conclusions, setConclusions] = useState(inspection.findings);
  const errors = close.error instanceof ApiError ? fieldErrors(close.error.problem) : {};
  return (
    <form
      className="form close-inspection"
      noValidate
      aria-label={t('inspectionFindings.closeTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate(conclusions.trim());
      }}
    >
      <h2>{t('inspectionFindings.closeTitle')}</h2>
      <ErrorBanner error={close.error} fields={['conclusions']} />
      <TextAreaField id="conclusions" rows={4} label={t('inspectionFindings.conclusions')} value={conclusions} onChange={setConclusions} error={errors.conclusions} />
      <div className="form-actions">
        <button type="submit" className="danger" disabled={close.isPending}>
          {t('inspectionFindings.close')}
        </button>
      </div>
    </form>
  );
}

/** The minutes of one school, as DOCX. */
export function MinutesButton({ inspection, unitId, name }: { inspection: Inspection; unitId: number; name: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          downloadFile(`/api/v1/inspections/${inspection.id}/minutes.docx?unit_id=${unitId}`, `bien-ban-kiem-tra-${inspection.id}.docx`).catch(setError);
        }}
      >
        {t('inspectionFindings.minutes', { name })}
      </button>
      <ErrorBanner error={error} />
    </>
  );
}

/** The commune's decision sending the team: number, date, signer; then its DOCX. */
export function DecisionPanel({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const decide = useDecide(inspection);
  const d = inspection.decision;
  const [number, setNumber] = useState(d?.number ?? '');
  const [signedOn, setSignedOn] = useState(d?.signed_on ?? '');
  const [signer, setSigner] = useState(d?.signer_name ?? '');
  const [title, setTitle] = useState(d?.signer_title ?? 'Chủ tịch');
  const [error, setError] = useState<unknown>(null);
  const errors = decide.error instanceof ApiError ? fieldErrors(decide.error.problem) : {};
  const canDecide = inspection.allowed_actions.includes('decide');
  return (
    <section aria-labelledby="decision-title">
      <h2 id="decision-title">{t('inspectionFindings.decision')}</h2>
      {d && (
        <p>
          {t('inspectionFindings.decisionLine', { number: d.number, date: formatDate(d.signed_on), signer: d.signer_name })}{' '}
          <button
            type="button"
            onClick={() => {
              setError(null);
              downloadFile(`/api/v1/inspections/${inspection.id}/decision.docx`, `quyet-dinh-kiem-tra-${inspection.id}.docx`).catch(setError);
            }}
          >
            {t('inspectionFindings.decisionDownload')}
          </button>
        </p>
      )}
      <ErrorBanner error={error} />
      {canDecide && (
        <form
          className="form"
          noValidate
          aria-label={t('inspectionFindings.decision')}
          onSubmit={(e) => {
            e.preventDefault();
            decide.mutate({ number: number.trim(), signed_on: signedOn, signer_name: signer.trim(), signer_title: title.trim() });
          }}
        >
          <ErrorBanner error={decide.error} fields={['number', 'signed_on', 'signer_name', 'signer_title']} />
          <TextField id="decision-number" label={t('inspectionFindings.number')} value={number} onChange={setNumber} error={errors.number} />
          <TextField id="decision-date" type="date" label={t('inspectionFindings.signedOn')} value={signedOn} onChange={setSignedOn} error={errors.signed_on} />
          <TextField id="decision-signer" label={t('inspectionFindings.signerName')} value={signer} onChange={setSigner} error={errors.signer_name} />
          <TextField id="decision-title" label={t('inspectionFindings.signerTitle')} value={title} onChange={setTitle} error={errors.signer_title} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={decide.isPending}>
              {t('inspectionFindings.decisionSave')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

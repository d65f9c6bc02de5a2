import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RECOGNITION_LEVELS, type Initiative, type RecognitionIn, type RecognitionLevel } from './types';

const FIELDS = ['recognition_level', 'recognition_decision', 'recognition_date', 'recognised_by'] as const;

/** The recognition decision: level, decision number, date and the recognising body. */
export function RecognitionForm({
  initiative,
  error,
  busy,
  onSubmit,
  onCancel,
}: {
  initiative: Initiative;
  error: unknown;
  busy: boolean;
  onSubmit: (body: RecognitionIn) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<RecognitionLevel>(initiative.recognition_level ?? 'unit');
  const [decision, setDecision] = useState(initiative.recognition_decision ?? '');
  const [date, setDate] = useState(initiative.recognition_date ?? '');
  const [body, setBody] = useState(initiative.recognised_by ?? '');
  const errors = error instanceof ApiError ? fieldErrors(error.problem) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      recognition_level: level,
      recognition_decision: decision.trim(),
      recognition_date: date,
      recognised_by: body.trim(),
    });
  }

  return (
    <form className="form recognise-form" onSubmit={submit} noValidate aria-labelledby="recognise-title">
      <h2 id="recognise-title">{t('initiatives.recogniseTitle')}</h2>
      <ErrorBanner error={error} fields={FIELDS} />
      <SelectField
        id="recognition_level"
        label={t('initiatives.level')}
        value={level}
        onChange={(v) => setLevel(v as RecognitionLevel)}
        error={errors.recognition_level}
        options={RECOGNITION_LEVELS.map((l) => ({ value: l, label: t(`initiatives.levels.${l}`) }))}
      />
      <TextField
        id="recognition_decision"
        label={t('initiatives.decisionNumber')}
        hint={t('initiatives.decisionNumberHint')}
        value={decision}
        onChange={setDecision}
        error={errors.recognition_decision}
        required
      />
      <TextField
        id="recognition_date"
        type="date"
        label={t('initiatives.decisionDate')}
        value={date}
        onChange={setDate}
        error={errors.recognition_date}
        required
      />
      <TextField
        id="recognised_by"
        label={t('initiatives.recognisedBy')}
        hint={t('initiatives.recognisedByHint')}
        value={body}
        onChange={setBody}
        error={errors.recognised_by}
        required
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('initiatives.recogniseSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { REPORT_KINDS, type ReportRequestCreate } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useMovements } from '../../lib/queries/frameworks';
import { useSchoolOptions } from '../../lib/queries/units';
import { useCreateReportRequest } from './api/reports';

const FIELDS = ['kind', 'title', 'period_label', 'school_year', 'phase_number', 'due_date', 'note', 'unit_ids', 'movement_id'] as const;

export function ReportRequestCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const movements = useMovements();
  const schools = useSchoolOptions();
  const create = useCreateReportRequest();
  const [kind, setKind] = useState<ReportRequestCreate['kind']>('quarter');
  const [title, setTitle] = useState('');
  const [period, setPeriod] = useState('');
  const [year, setYear] = useState('');
  const [phase, setPhase] = useState('');
  const [due, setDue] = useState('');
  const [note, setNote] = useState('');
  const [units, setUnits] = useState<number[]>([]);
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};
  const movement = movements.data?.[0];
  const years = movement?.school_years ?? [];
  const schoolYear = year || years[0] || '';

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!movement) return;
    create.mutate(
      {
        movement_id: movement.id,
        kind,
        title: title.trim(),
        period_label: period.trim(),
        school_year: schoolYear,
        phase_number: kind === 'phase_review' && phase ? Number(phase) : null,
        due_date: due,
        note: note.trim(),
        unit_ids: units,
      },
      { onSuccess: (r) => navigate(`/report-requests/${r.id}`) },
    );
  }

  return (
    <section>
      <p>
        <Link to="/report-requests">← {t('reports.title')}</Link>
      </p>
      <h1>{t('reports.createRequest')}</h1>
      <form className="form form-wide" onSubmit={submit} noValidate>
        <ErrorBanner error={create.error ?? movements.error} fields={FIELDS} />
        <SelectField
          id="kind"
          label={t('reports.kind')}
          value={kind}
          onChange={(v) => setKind(REPORT_KINDS.find((k) => k === v) ?? 'quarter')}
          options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))}
          error={errors.kind}
        />
        <TextField id="title" label={t('reports.requestTitle')} value={title} onChange={setTitle} error={errors.title} required />
        <TextField id="period_label" label={t('reports.period')} value={period} onChange={setPeriod} error={errors.period_label} />
        <SelectField
          id="school_year"
          label={t('fields.schoolYear')}
          value={schoolYear}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: y }))}
          error={errors.school_year}
        />
        {kind === 'phase_review' && (
          <TextField id="phase_number" type="number" min={1} label={t('reports.phase')} value={phase} onChange={setPhase} error={errors.phase_number} />
        )}
        <TextField id="due_date" type="date" label={t('reports.dueDate')} value={due} onChange={setDue} error={errors.due_date} required />
        <TextAreaField id="note" label={t('reports.note')} value={note} onChange={setNote} error={errors.note} />
        <fieldset className="field">
          <legend>{t('reports.schools')}</legend>
          <ErrorBanner error={schools.error} />
          <div className="checks">
            {(schools.data ?? []).map((u) => (
              <label key={u.id} className="check">
                <input
                  type="checkbox"
                  checked={units.includes(u.id)}
                  onChange={(e) => setUnits((l) => (e.target.checked ? [...l, u.id] : l.filter((x) => x !== u.id)))}
                />{' '}
                {u.name} <span className="muted">({u.code})</span>
              </label>
            ))}
          </div>
          {errors.unit_ids && <p className="field-error">{errors.unit_ids}</p>}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending || !movement}>
            {t('reports.createRequestButton')}
          </button>
        </div>
      </form>
    </section>
  );
}

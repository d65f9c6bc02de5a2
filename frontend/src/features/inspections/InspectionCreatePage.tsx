import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { INSPECTION_KINDS, type InspectionKind } from '../../api/types';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useMovements } from '../../lib/queries/frameworks';
import { useSchoolOptions } from '../../lib/queries/units';
import { LookupPicker } from '../../components/LookupPicker';
import { useCreateInspection } from './api/inspections';
import { usePlans } from './api/findings';
import { formatDate } from '../../lib/format';

const FIELDS = ['kind', 'title', 'school_year', 'inspection_date', 'findings', 'member_user_ids', 'unit_ids', 'plan_item_ids'] as const;

function toggle(list: number[], id: number, on: boolean): number[] {
  return on ? (list.includes(id) ? list : [...list, id]) : list.filter((x) => x !== id);
}

export function InspectionCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateInspection();
  const movements = useMovements();
  const schools = useSchoolOptions();
  const years = movements.data?.[0]?.school_years ?? [];
  const [kind, setKind] = useState<InspectionKind>('periodic');
  const [title, setTitle] = useState('');
  const [year, setYear] = useState('');
  const [date, setDate] = useState('');
  const [findings, setFindings] = useState('');
  const [members, setMembers] = useState<number[]>([]);
  const [units, setUnits] = useState<number[]>([]);
  const [visits, setVisits] = useState<number[]>([]);
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};
  const schoolYear = year || years[0] || '';
  const plans = usePlans();
  // The issued plan's visits of the year not made yet: a periodic inspection carries some of them out.
  const open = (plans.data?.items ?? [])
    .filter((p) => p.status === 'issued' && p.school_year === schoolYear)
    .flatMap((p) => p.items)
    .filter((item) => item.inspection == null);

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      {
        kind,
        title: title.trim(),
        school_year: schoolYear,
        inspection_date: date,
        findings: findings.trim(),
        member_user_ids: members,
        unit_ids: units,
        plan_item_ids: kind === 'periodic' ? visits : [],
      },
      { onSuccess: (i) => navigate(`/inspections/${i.id}`) },
    );
  }

  return (
    <section>
      <p>
        <Link to="/inspections">← {t('inspections.title')}</Link>
      </p>
      <h1>{t('inspections.create')}</h1>
      <form className="form form-wide" onSubmit={submit} noValidate>
        <ErrorBanner error={create.error} fields={FIELDS} />
        <fieldset className="field">
          <legend>{t('inspections.kind')}</legend>
          <div className="radio-row">
            {INSPECTION_KINDS.map((k) => (
              <label key={k} className="radio">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
                {t(`inspections.kinds.${k}`)}
              </label>
            ))}
          </div>
          {errors.kind && <p className="field-error">{errors.kind}</p>}
        </fieldset>
        <TextField id="title" label={t('inspections.titleField')} value={title} onChange={setTitle} error={errors.title} required />
        <SelectField
          id="school_year"
          label={t('fields.schoolYear')}
          value={schoolYear}
          onChange={setYear}
          error={errors.school_year}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <TextField
          id="inspection_date"
          type="date"
          label={t('inspections.date')}
          value={date}
          onChange={setDate}
          error={errors.inspection_date}
          required
        />
        <div className="field">
          <label htmlFor="findings">{t('inspections.findings')}</label>
          <textarea id="findings" rows={3} value={findings} onChange={(e) => setFindings(e.target.value)} />
          {errors.findings && <p className="field-error">{errors.findings}</p>}
        </div>

        <LookupPicker
          id="member_user_ids"
          label={t('inspections.members')}
          list="people"
          filters={{ role: 'inspector' }}
          selected={members}
          onChange={setMembers}
          error={errors.member_user_ids}
          hint={t('inspections.membersHint')}
        />

        {kind === 'periodic' && open.length > 0 && (
          <fieldset className="field" id="plan_item_ids">
            <legend>{t('actors.visits.legend')}</legend>
            <p className="field-hint">{t('actors.visits.hint')}</p>
            <div className="checks">
              {open.map((item) => (
                <label key={item.id} className="check">
                  <input
                    type="checkbox"
                    checked={visits.includes(item.id)}
                    onChange={(e) => {
                      setVisits((l) => toggle(l, item.id, e.target.checked));
                      if (e.target.checked) setUnits((l) => toggle(l, item.unit_id, true));
                    }}
                  />{' '}
                  {item.unit_name} · {formatDate(item.scheduled_on)} <span className="muted">({item.content})</span>
                </label>
              ))}
            </div>
            {errors.plan_item_ids && <p className="field-error">{errors.plan_item_ids}</p>}
          </fieldset>
        )}

        <fieldset className="field">
          <legend>{t('inspections.schools')}</legend>
          <ErrorBanner error={schools.error} />
          <div className="checks">
            {(schools.data ?? []).map((u) => (
              <label key={u.id} className="check">
                <input
                  type="checkbox"
                  checked={units.includes(u.id)}
                  onChange={(e) => setUnits((l) => toggle(l, u.id, e.target.checked))}
                />{' '}
                {u.name} <span className="muted">({u.code})</span>
              </label>
            ))}
          </div>
          {errors.unit_ids && <p className="field-error">{errors.unit_ids}</p>}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('inspections.createButton')}
          </button>
        </div>
      </form>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { DtiAssessment, DtiCriterion, DtiIndex } from '../../api/types';
import { useMe } from '../../lib/auth';
import { documentErrors, formatNumber } from '../../lib/indicators';
import { useListParams } from '../../lib/useListParams';
import { isUnitBound } from '../../lib/units';
import { schoolYearOf } from '../../lib/schoolYear';
import { useSchoolOptions } from '../../lib/queries/units';
import { useDtiIndex, useDtiResults } from '../../lib/queries/dti';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { DtiLevels } from '../../components/DtiLevels';
import { useCreateDti, useUpdateDti } from './api/dti';
import { draftOf, groupNumeral, valuesOf, type DtiDraft } from './form';
import './dti.css';

function recentYears(): string[] {
  const now = schoolYearOf(new Date().toISOString().slice(0, 10)) ?? '2025-2026';
  const start = Number(now.slice(0, 4));
  return [0, 1, 2, 3].map((i) => `${start - i}-${start - i + 1}`);
}

function CriterionRow({
  c,
  index,
  value,
  error,
  disabled,
  onChange,
}: {
  c: DtiCriterion;
  index: number;
  value: string;
  error?: string;
  disabled: boolean;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const label = `${c.code}. ${c.name}`;
  const hint = [
    c.mandatory ? t('dti.mandatory') : t('dti.maxPoints', { points: formatNumber(c.max_points) }),
    c.parts.length ? c.parts.map((p) => `${p.name} (${formatNumber(p.points)})`).join('; ') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="dti-criterion">
      {c.mandatory ? (
        <SelectField
          id={`values.${index}.met`}
          label={label}
          hint={hint}
          error={error}
          value={value}
          disabled={disabled}
          onChange={onChange}
          empty={t('dti.notAnswered')}
          options={[
            { value: 'true', label: t('dti.met') },
            { value: 'false', label: t('dti.unmet') },
          ]}
        />
      ) : (
        <TextField
          id={`values.${index}.points`}
          label={label}
          hint={hint}
          error={error}
          value={value}
          disabled={disabled}
          onChange={onChange}
          inputMode="decimal"
        />
      )}
      {!c.verified && <span className="badge badge-warn">{t('dti.toCheck')}</span>}
    </li>
  );
}

function DtiForm({ index, assessment, unitId, schoolYear }: { index: DtiIndex; assessment?: DtiAssessment; unitId?: number; schoolYear: string }) {
  const { t } = useTranslation();
  const create = useCreateDti();
  const update = useUpdateDti(assessment);
  const [draft, setDraft] = useState<DtiDraft>(() => draftOf(index.criteria, assessment));
  const [saved, setSaved] = useState(false);
  const mutation = assessment ? update : create;
  const canWrite = assessment ? assessment.allowed_actions.includes('update') : true;
  const errors = mutation.error instanceof ApiError ? documentErrors(mutation.error.problem) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const values = valuesOf(index.criteria, draft);
    const done = { onSuccess: () => setSaved(true) };
    if (assessment) update.mutate(values, done);
    else create.mutate({ school_year: schoolYear, unit_id: unitId ?? null, values }, done);
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorBanner error={mutation.error} />
      {index.groups.map((g) => (
        <fieldset key={g.code} className="dti-group">
          <legend>
            {t('dti.group', { group: groupNumeral(g.code) })}: {g.name}
          </legend>
          <ol className="dti-criteria">
            {index.criteria.map((c, i) =>
              c.group === g.code ? (
                <CriterionRow
                  key={c.code}
                  c={c}
                  index={i}
                  value={draft[c.code] ?? ''}
                  error={errors[`values.${i}.${c.mandatory ? 'met' : 'points'}`] ?? errors[`values.${i}.criterion_code`]}
                  disabled={!canWrite}
                  onChange={(v) => setDraft((d) => ({ ...d, [c.code]: v }))}
                />
              ) : null,
            )}
          </ol>
        </fieldset>
      ))}
      {canWrite && (
        <div className="form-actions">
          <button type="submit" disabled={mutation.isPending}>
            {t('dti.save')}
          </button>
          {saved && !mutation.isPending && (
            <span role="status" className="muted">
              {t('dti.saved')}
            </span>
          )}
        </div>
      )}
    </form>
  );
}

/** "Chuyển đổi số (QĐ 4725)": a school's self-assessment on the Ministry's index, entered here or imported
 * from the DTI platform's export, with its level per group. */
export function DtiPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const bound = isUnitBound(me.roles);
  const schools = useSchoolOptions();
  const index = useDtiIndex();
  const years = recentYears();
  const schoolYear = p.get('school_year') || years[0]!;
  const unitId = bound ? (me.unit_id ?? undefined) : Number(p.get('unit_id')) || undefined;
  const results = useDtiResults({ school_year: schoolYear, unit_id: unitId }, !!unitId);
  const assessment = results.data?.items[0];
  const canWrite = me.permissions.includes('dti:write');

  return (
    <section>
      <div className="page-head">
        <h1>{t('dti.title')}</h1>
        {canWrite && me.permissions.includes('imports:run') && <Link to="/imports?kind=dti_4725">{t('dti.import')}</Link>}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        {!bound && (
          <SelectField
            id="unit_id"
            label={t('fields.unit')}
            value={unitId ? String(unitId) : ''}
            onChange={(v) => p.set('unit_id', v)}
            empty={t('dti.chooseSchool')}
            options={(schools.data ?? []).filter((u) => u.school_level !== 'preschool').map((u) => ({ value: String(u.id), label: u.name }))}
          />
        )}
        <SelectField id="school_year" label={t('fields.schoolYear')} value={schoolYear} onChange={(v) => p.set('school_year', v)} options={years.map((y) => ({ value: y, label: y }))} />
      </form>
      <ErrorBanner error={index.error ?? results.error} />
      {index.data && (
        <div className="alert alert-info dti-source">
          <p>{index.data.name}</p>
          <p>{index.data.note}</p>
        </div>
      )}
      {(index.isPending || (unitId && results.isPending)) && <Loading />}
      {index.data && unitId && results.data && (
        <>
          <h2>{t('dti.result')}</h2>
          <p className="dti-result" data-testid="dti-result">
            <DtiLevels groups={assessment?.groups} />
            {assessment && <span className="muted"> · {t(`dti.source_${assessment.source}`, { defaultValue: assessment.source })}</span>}
          </p>
          {(assessment || canWrite) && (
            <DtiForm key={`${unitId}-${schoolYear}`} index={index.data} assessment={assessment} unitId={unitId} schoolYear={schoolYear} />
          )}
        </>
      )}
      {!unitId && !bound && <p className="muted">{t('dti.chooseSchool')}</p>}
    </section>
  );
}

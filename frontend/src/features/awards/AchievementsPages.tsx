import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { AWARD_LEVELS, type Achievement, type AwardLevel } from '../../api/types';
import { useMe } from '../../lib/auth';
import { isConflict } from '../../lib/errors';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useMovements } from '../../lib/queries/frameworks';
import { useUnitOptions } from '../../lib/queries/units';
import { fileUrls, useAchievements, useAwardTypeOptions, useCreateAchievement, useDeleteAchievement, useUnitStaff } from './api/awards';
import { todayIso, yearsWithEarlier } from './dates';
import { useDownload } from '../../lib/useDownload';
import { formatDate } from '../../lib/format';

/** "Lịch sử thành tích": titles and awards with decision number, date and issuer (what the rules read). */
export function AchievementsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const movements = useMovements();
  const awardTypes = useAwardTypeOptions();
  const years = yearsWithEarlier(movements.data?.[0]?.school_years ?? []);
  const query = useAchievements({
    school_year: p.get('school_year') || undefined,
    award_type_code: p.get('award_type_code') || undefined,
    limit: p.limit,
    offset: p.offset,
  });
  const download = useDownload();
  const remove = useDeleteAchievement();
  const [confirming, setConfirming] = useState<Achievement | null>(null);
  // one entry per code, by its name (issue 18.4: the filter offered "BK-TINH-CN")
  const awardOptions = [...new Map((awardTypes.data ?? []).map((a) => [a.code, a.name])).entries()]
    .map(([code, name]) => ({ value: code, label: name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));

  const columns: Column<Achievement>[] = [
    { key: 'year', label: t('fields.schoolYear'), render: (a) => a.school_year },
    { key: 'subject', label: t('awards.achievements.subject'), render: (a) => a.subject_name },
    { key: 'unit', label: t('awards.achievements.unit'), className: 'col-unit', render: (a) => a.unit_name },
    {
      key: 'award',
      label: t('awards.achievements.awardName'),
      render: (a) => (
        <div>
          {a.award_name}
          {a.award_type_code && <div className="muted">{a.award_type_code}</div>}
        </div>
      ),
    },
    { key: 'level', label: t('awards.achievements.level'), render: (a) => t(`awards.levels.${a.level}`) },
    {
      key: 'decision',
      label: t('awards.achievements.decision'),
      render: (a) => (
        <div>
          {t('awards.achievements.decisionText', { number: a.decision_number, date: formatDate(a.decision_date) })}
          <div className="muted">{a.issuer}</div>
        </div>
      ),
    },
    {
      key: 'source',
      label: t('awards.achievements.source'),
      render: (a) => (a.nomination_id ? t('awards.achievements.sources.decision') : t('awards.achievements.sources.manual')),
    },
    {
      key: 'actions',
      label: t('awards.actions'),
      render: (a) => (
        <div className="actions">
          {a.allowed_actions.includes('certificate') && (
            <button
              type="button"
              className="small"
              aria-label={t('awards.decisions.certificateOf', { name: a.subject_name })}
              disabled={download.busy !== null}
              onClick={() => download.run(fileUrls.certificate(a.id), `giay-khen-${a.verification_code ?? a.id}.pdf`)}
            >
              {t('awards.decisions.certificate')}
            </button>
          )}
          {a.allowed_actions.includes('delete') && (
            <button
              type="button"
              className="danger small"
              aria-label={t('awards.achievements.deleteOf', { award: a.award_name, name: a.subject_name })}
              onClick={() => {
                remove.reset();
                setConfirming(a);
              }}
            >
              {t('common.delete')}
            </button>
          )}
        </div>
      ),
    },
  ];

  return (
    <ListPage
      title={t('awards.achievements.title')}
      action={
        me.permissions.includes('achievements:write') && (
          <Link className="button primary" to="/awards/achievements/new">
            {t('awards.achievements.create')}
          </Link>
        )
      }
      filters={
        <>
          <SelectFilter p={p} name="school_year" label={t('fields.schoolYear')} options={years.map((y) => ({ value: y, label: y }))} />
          <SelectFilter
            p={p}
            name="award_type_code"
            label={t('awards.achievements.awardCode')}
            options={awardOptions}
          />
        </>
      }
    >
      {confirming && (
        <div className="alert alert-error" role="alertdialog" aria-labelledby="delete-achievement">
          <p id="delete-achievement">{t('awards.achievements.deleteConfirm', { award: confirming.award_name, name: confirming.subject_name })}</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(confirming, {
                  onSuccess: () => setConfirming(null),
                  onError: (e) => {
                    if (isConflict(e)) setConfirming(null);
                  },
                })
              }
            >
              {t('awards.achievements.deleteYes')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorBanner error={remove.error ?? download.error} />
      <PagedTable query={query} columns={columns} rowKey={(a) => a.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

const ACHIEVEMENT_FIELDS = [
  'unit_id',
  'staff_id',
  'award_type_code',
  'award_name',
  'level',
  'school_year',
  'decision_number',
  'decision_date',
  'issuer',
  'themed',
] as const;

/** The commune officer records an award received before the system (or outside it). */
export function AchievementCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const units = useUnitOptions();
  const movements = useMovements();
  const awardTypes = useAwardTypeOptions();
  const create = useCreateAchievement();
  const [unitId, setUnitId] = useState('');
  const [staffId, setStaffId] = useState('');
  const [code, setCode] = useState('');
  const [awardName, setAwardName] = useState('');
  const [level, setLevel] = useState<AwardLevel>('commune');
  const [schoolYear, setSchoolYear] = useState('');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayIso());
  const [issuer, setIssuer] = useState('');
  const [themed, setThemed] = useState(true);
  const staff = useUnitStaff(Number(unitId) || null);
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};
  const years = yearsWithEarlier(movements.data?.[0]?.school_years ?? []);
  // one entry per code: the active version's name when there is one
  const types = [...(awardTypes.data ?? [])].sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active'));
  const codeOptions = types.filter((a, i) => types.findIndex((b) => b.code === a.code) === i).sort((a, b) => a.code.localeCompare(b.code));

  function chooseCode(value: string) {
    setCode(value);
    const a = codeOptions.find((x) => x.code === value);
    if (!a) return;
    setAwardName(a.name);
    setLevel(a.level);
    setThemed(a.themed);
    if (!issuer.trim()) setIssuer(a.granting_authority_label);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      {
        unit_id: Number(unitId),
        staff_id: Number(staffId) || null,
        award_type_code: code || null,
        award_name: awardName.trim(),
        level,
        school_year: schoolYear.trim(),
        decision_number: number.trim(),
        decision_date: date,
        issuer: issuer.trim(),
        themed,
      },
      { onSuccess: () => navigate('/awards/achievements') },
    );
  }

  return (
    <section>
      <p>
        <Link to="/awards/achievements">← {t('awards.achievements.title')}</Link>
      </p>
      <h1>{t('awards.achievements.create')}</h1>
      <p className="muted">{t('awards.achievements.createHint')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={create.error ?? units.error} fields={ACHIEVEMENT_FIELDS} />
        <SelectField
          id="unit_id"
          label={t('awards.achievements.unit')}
          value={unitId}
          onChange={(v) => {
            setUnitId(v);
            setStaffId('');
          }}
          error={errors.unit_id}
          empty={t('common.choose')}
          options={(units.data ?? []).filter((u) => u.kind === 'school').map((u) => ({ value: String(u.id), label: u.name }))}
          required
        />
        <SelectField
          id="staff_id"
          label={t('awards.achievements.staff')}
          hint={t('awards.achievements.staffHint')}
          value={staffId}
          onChange={setStaffId}
          error={errors.staff_id}
          empty={t('awards.achievements.collective')}
          options={(staff.data ?? []).map((s) => ({ value: String(s.id), label: `${s.full_name} (${s.code})` }))}
          disabled={!unitId}
        />
        <SelectField
          id="award_type_code"
          label={t('awards.achievements.awardType')}
          hint={t('awards.achievements.awardTypeHint')}
          value={code}
          onChange={chooseCode}
          error={errors.award_type_code}
          empty={t('awards.achievements.otherAward')}
          options={codeOptions.map((a) => ({ value: a.code, label: `${a.code} – ${a.name}` }))}
        />
        <TextField id="award_name" label={t('awards.achievements.awardName')} value={awardName} onChange={setAwardName} error={errors.award_name} required />
        <SelectField
          id="level"
          label={t('awards.achievements.level')}
          value={level}
          onChange={(v) => setLevel(v as AwardLevel)}
          error={errors.level}
          options={AWARD_LEVELS.map((l) => ({ value: l, label: t(`awards.levels.${l}`) }))}
        />
        <TextField
          id="school_year"
          label={t('fields.schoolYear')}
          hint={t('awards.achievements.schoolYearHint')}
          value={schoolYear}
          onChange={setSchoolYear}
          error={errors.school_year}
          list="achievement-years"
          autoComplete="off"
          placeholder="2024-2025"
          required
        />
        <datalist id="achievement-years">
          {years.map((y) => (
            <option key={y} value={y} />
          ))}
        </datalist>
        <div className="grid-2">
          <TextField id="decision_number" label={t('awards.achievements.decisionNumber')} value={number} onChange={setNumber} error={errors.decision_number} required />
          <TextField id="decision_date" type="date" label={t('awards.achievements.decisionDate')} value={date} onChange={setDate} error={errors.decision_date} required />
        </div>
        <TextField id="issuer" label={t('awards.achievements.issuer')} value={issuer} onChange={setIssuer} error={errors.issuer} required />
        <CheckboxField id="themed" label={t('awards.achievements.themed')} checked={themed} onChange={setThemed} />
        {errors.themed && <p className="field-error">{errors.themed}</p>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('awards.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

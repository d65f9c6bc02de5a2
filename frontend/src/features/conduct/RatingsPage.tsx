import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { SelectField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useMovements } from '../../lib/queries/frameworks';
import { useUnitOptions } from '../../lib/queries/units';
import { useAttendeeCandidates } from '../../lib/queries/staff';
import { isUnitBound } from '../../lib/units';
import { schoolYearOf } from '../../lib/schoolYear';
import { useCreateRating, useDeleteRating, useRatings, useUpdateRating } from './api/conduct';
import { Panel } from './Panel';
import { RATING_VALUES, type StaffRating, type StaffRatingValue } from './types';
import './conduct.css';

type Mode = null | { kind: 'create' } | { kind: 'edit'; rating: StaffRating } | { kind: 'delete'; rating: StaffRating };

export function RatingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const movements = useMovements();
  const units = useUnitOptions();
  const years = movements.data?.[0]?.school_years ?? [];
  const canWrite = me.permissions.includes('ratings:write');
  const [mode, setMode] = useState<Mode>(null);
  const remove = useDeleteRating();
  const query = useRatings({
    unit_id: Number(p.get('unit_id')) || undefined,
    school_year: p.get('school_year') || undefined,
    limit: p.limit,
    offset: p.offset,
  });
  const schools = (units.data ?? []).filter((u) => u.kind === 'school').map((u) => ({ value: String(u.id), label: u.name }));

  const columns: Column<StaffRating>[] = [
    { key: 'staff', label: t('conduct.staff'), render: (r) => `${r.staff_name} (${r.staff_code})` },
    { key: 'unit', label: t('fields.unit'), render: (r) => r.unit_name },
    { key: 'year', label: t('fields.schoolYear'), render: (r) => r.school_year },
    {
      key: 'rating',
      label: t('conduct.rating'),
      render: (r) => <span className={`badge class-${r.rating}`}>{t(`conduct.ratings.${r.rating}`, { defaultValue: r.rating_label })}</span>,
    },
  ];
  if (canWrite)
    columns.push({
      key: 'actions',
      label: t('conduct.actions'),
      render: (r) => (
        <div className="row-actions">
          {r.allowed_actions.includes('update') && (
            <button
              type="button"
              className="small"
              aria-label={t('conduct.editRatingOf', { name: r.staff_name, year: r.school_year })}
              onClick={() => setMode({ kind: 'edit', rating: r })}
            >
              {t('common.edit')}
            </button>
          )}
          {r.allowed_actions.includes('delete') && (
            <button
              type="button"
              className="danger small"
              aria-label={t('conduct.deleteRatingOf', { name: r.staff_name, year: r.school_year })}
              onClick={() => {
                remove.reset();
                setMode({ kind: 'delete', rating: r });
              }}
            >
              {t('common.delete')}
            </button>
          )}
        </div>
      ),
    });

  return (
    <ListPage
      title={t('conduct.ratingsTitle')}
      action={
        canWrite && (
          <button type="button" className="primary" onClick={() => setMode({ kind: 'create' })}>
            {t('conduct.addRating')}
          </button>
        )
      }
      filters={
        <>
          <SelectFilter p={p} name="school_year" label={t('fields.schoolYear')} options={years.map((y) => ({ value: y, label: y }))} />
          {!isUnitBound(me.roles) && <SelectFilter p={p} name="unit_id" label={t('fields.unit')} options={schools} />}
        </>
      }
    >
      <p className="muted">{t('conduct.privacyHint')}</p>
      {mode?.kind === 'create' && (
        <RatingForm key="create" years={years} schools={schools} unitBound={isUnitBound(me.roles)} onDone={() => setMode(null)} />
      )}
      {mode?.kind === 'edit' && (
        <RatingForm key={`edit-${mode.rating.id}`} rating={mode.rating} years={years} schools={schools} unitBound onDone={() => setMode(null)} />
      )}
      {mode?.kind === 'delete' && (
        <Panel id={`delete-${mode.rating.id}`} title={t('conduct.deleteRatingTitle')} tone="danger">
          <p>{t('conduct.deleteRatingConfirm', { name: mode.rating.staff_name, year: mode.rating.school_year })}</p>
          <ErrorBanner error={remove.error} />
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(mode.rating, { onSuccess: () => setMode(null) })}
            >
              {t('conduct.deleteYes')}
            </button>
            <button type="button" onClick={() => setMode(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Panel>
      )}
      <PagedTable query={query} columns={columns} rowKey={(r) => r.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

const RATING_FIELDS = ['staff_id', 'school_year', 'rating'] as const;

/** Add a rating (unit → person, school year, rating) or change the rating of an existing one. */
function RatingForm({
  rating,
  years,
  schools,
  unitBound,
  onDone,
}: {
  rating?: StaffRating;
  years: string[];
  schools: { value: string; label: string }[];
  unitBound: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateRating();
  const update = useUpdateRating();
  const [unit, setUnit] = useState('');
  const [staff, setStaff] = useState('');
  const [year, setYear] = useState(() => {
    const current = schoolYearOf(new Date().toISOString().slice(0, 10));
    return current && years.includes(current) ? current : (years[0] ?? '');
  });
  const [value, setValue] = useState<StaffRatingValue | ''>(rating?.rating ?? '');
  const [missing, setMissing] = useState(false);
  const candidates = useAttendeeCandidates(rating ? null : unitBound ? null : Number(unit) || null);
  const error = rating ? update.error : create.error;
  const errors = error instanceof ApiError ? fieldErrors(error.problem) : {};
  const busy = create.isPending || update.isPending;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!value || (!rating && (!staff || !year))) return setMissing(true);
    if (rating) update.mutate({ rating, body: { rating: value } }, { onSuccess: onDone });
    else create.mutate({ staff_id: Number(staff), school_year: year, rating: value }, { onSuccess: onDone });
  }

  const required = (v: string) => (missing && !v ? t('conduct.required') : undefined);

  return (
    <Panel id={rating ? `edit-${rating.id}` : 'create'} title={rating ? t('conduct.editRating') : t('conduct.addRating')}>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error} fields={RATING_FIELDS} />
        {rating ? (
          <p>
            <strong>{rating.staff_name}</strong> ({rating.staff_code}) · {rating.unit_name} · {rating.school_year}
          </p>
        ) : (
          <>
            {!unitBound && (
              <SelectField
                id="rating-unit"
                label={t('fields.unit')}
                value={unit}
                onChange={(v) => {
                  setUnit(v);
                  setStaff('');
                }}
                empty={t('common.choose')}
                options={schools}
              />
            )}
            <SelectField
              id="rating-staff"
              label={t('conduct.staff')}
              value={staff}
              onChange={setStaff}
              empty={t('common.choose')}
              options={(unitBound || unit ? candidates.staff : []).map((s) => ({ value: String(s.id), label: `${s.full_name} (${s.code})` }))}
              hint={!unitBound && !unit ? t('conduct.chooseUnitFirst') : undefined}
              error={errors.staff_id ?? required(staff)}
              required
            />
            <SelectField
              id="rating-year"
              label={t('fields.schoolYear')}
              value={year}
              onChange={setYear}
              empty={t('common.choose')}
              options={years.map((y) => ({ value: y, label: y }))}
              error={errors.school_year ?? required(year)}
              required
            />
          </>
        )}
        <SelectField
          id="rating-value"
          label={t('conduct.rating')}
          value={value}
          onChange={(v) => setValue(v as StaffRatingValue | '')}
          empty={t('common.choose')}
          options={RATING_VALUES.map((r) => ({ value: r, label: t(`conduct.ratings.${r}`) }))}
          error={errors.rating ?? required(value)}
          required
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {rating ? t('common.save') : t('common.create')}
          </button>
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Panel>
  );
}

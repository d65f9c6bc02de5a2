import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { changed } from '../../lib/form';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useCreateUnit, useUnit, useUpdateUnit } from './api/units';
import { UnitForm } from './UnitForm';

export function UnitCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateUnit();
  return (
    <section>
      <p>
        <Link to="/units">← {t('units.title')}</Link>
      </p>
      <h1>{t('units.create')}</h1>
      <UnitForm
        error={create.error}
        busy={create.isPending}
        submitLabel={t('common.create')}
        onSubmit={(values) => create.mutate(values, { onSuccess: (u) => navigate(`/units/${u.id}`) })}
      />
    </section>
  );
}

export function UnitEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useUnit(id);
  const update = useUpdateUnit(query.data);
  const unit = query.data;

  return (
    <section>
      <p>
        <Link to={`/units/${id}`}>← {unit?.name ?? t('units.title')}</Link>
      </p>
      <h1>{t('units.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(update.error) && <ErrorBanner error={update.error} />}
      {unit && (
        <UnitForm
          // A 412 reloads the unit: the new version re-creates the form with fresh data.
          key={unit.version}
          initial={unit}
          error={isConflict(update.error) ? null : update.error}
          busy={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={(values) =>
            // The kind of a unit cannot be changed (UnitUpdate has no `kind`).
            update.mutate(
              changed(unit, {
                code: values.code,
                name: values.name,
                school_level: values.school_level,
                parent_id: values.parent_id,
                address: values.address,
              }),
              { onSuccess: () => navigate(`/units/${id}`) },
            )
          }
        />
      )}
    </section>
  );
}

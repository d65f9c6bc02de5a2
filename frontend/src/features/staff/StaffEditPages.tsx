import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { changed } from '../../lib/form';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useCreateStaff, useStaff, useUpdateStaff } from './api/staff';
import { StaffForm } from './StaffForm';

export function StaffCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateStaff();
  return (
    <section>
      <p>
        <Link to="/staff">← {t('staff.title')}</Link>
      </p>
      <h1>{t('staff.create')}</h1>
      <StaffForm
        defaultUnitId={Number(params.get('unit_id')) || undefined}
        error={create.error}
        busy={create.isPending}
        submitLabel={t('common.create')}
        onSubmit={(values) => create.mutate(values, { onSuccess: (s) => navigate(`/staff/${s.id}`) })}
      />
    </section>
  );
}

export function StaffEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useStaff(id);
  const update = useUpdateStaff(query.data);
  const staff = query.data;

  return (
    <section>
      <p>
        <Link to={`/staff/${id}`}>← {staff?.full_name ?? t('staff.title')}</Link>
      </p>
      <h1>{t('staff.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(update.error) && <ErrorBanner error={update.error} />}
      {staff && (
        <StaffForm
          key={staff.version}
          initial={staff}
          error={isConflict(update.error) ? null : update.error}
          busy={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={(values) =>
            update.mutate(changed(staff, values), { onSuccess: () => navigate(`/staff/${id}`) })
          }
        />
      )}
    </section>
  );
}

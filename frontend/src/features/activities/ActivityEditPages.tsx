import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { changed } from '../../lib/form';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useActivity, useCreateActivity, useUpdateActivity } from './api/activities';
import { ActivityForm } from './ActivityForm';

export function ActivityCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateActivity();
  return (
    <section>
      <p>
        <Link to="/activities">← {t('activities.title')}</Link>
      </p>
      <h1>{t('activities.create')}</h1>
      <ActivityForm
        error={create.error}
        busy={create.isPending}
        submitLabel={t('common.create')}
        onSubmit={(values) => create.mutate(values, { onSuccess: (a) => navigate(`/activities/${a.id}`) })}
      />
    </section>
  );
}

export function ActivityEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useActivity(id);
  const activity = query.data;
  const update = useUpdateActivity(activity);

  return (
    <section>
      <p>
        <Link to={`/activities/${id}`}>← {activity?.title ?? t('activities.title')}</Link>
      </p>
      <h1>{t('activities.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(update.error) && <ErrorBanner error={update.error} />}
      {activity && (
        <ActivityForm
          key={activity.version}
          initial={activity}
          error={isConflict(update.error) ? null : update.error}
          busy={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={({ unit_id: _unit, ...values }) => {
            const before = {
              ...activity,
              attendees: activity.attendees.map((a) => ({ staff_id: a.staff_id, completed: a.completed })),
            };
            update.mutate(changed(before, values), { onSuccess: () => navigate(`/activities/${id}`) });
          }}
        />
      )}
    </section>
  );
}

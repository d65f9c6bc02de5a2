import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { changed } from '../../lib/form';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useCreateUser, useUpdateUser, useUser } from './api/users';
import { UserForm } from './UserForm';

export function UserCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateUser();
  return (
    <section>
      <p>
        <Link to="/users">← {t('users.title')}</Link>
      </p>
      <h1>{t('users.create')}</h1>
      <UserForm
        error={create.error}
        busy={create.isPending}
        submitLabel={t('common.create')}
        onSubmit={(v) =>
          create.mutate(
            { login: v.login, full_name: v.full_name, password: v.password, roles: v.roles, unit_id: v.unit_id },
            { onSuccess: (u) => navigate(`/users/${u.id}`) },
          )
        }
      />
    </section>
  );
}

export function UserEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useUser(id);
  const update = useUpdateUser(query.data);
  const user = query.data;

  return (
    <section>
      <p>
        <Link to={`/users/${id}`}>← {user?.full_name ?? t('users.title')}</Link>
      </p>
      <h1>{t('users.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(update.error) && <ErrorBanner error={update.error} />}
      {user && (
        <UserForm
          key={user.version}
          initial={user}
          error={isConflict(update.error) ? null : update.error}
          busy={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={(v) => {
            const body = changed(
              { full_name: user.full_name, roles: user.roles, unit_id: user.unit_id },
              { full_name: v.full_name, roles: v.roles, unit_id: v.unit_id },
            );
            update.mutate(v.password ? { ...body, password: v.password } : body, {
              onSuccess: () => navigate(`/users/${id}`),
            });
          }}
        />
      )}
    </section>
  );
}

import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { StatusBadge } from '../../components/StatusBadge';
import { ActionButtons } from '../../components/ActionButtons';
import { useUser, useUserAction } from './api/users';

export function UserDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useUser(id);
  const action = useUserAction();
  const u = query.data;

  return (
    <section>
      <p>
        <Link to="/users">← {t('users.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {u && (
        <>
          <div className="page-head">
            <h1>{u.full_name}</h1>
            <ActionButtons
              allowed={u.allowed_actions}
              editTo={`/users/${u.id}/edit`}
              canWrite
              busy={action.isPending}
              onAction={(a) => action.mutate({ user: u, action: a })}
            />
          </div>
          <ErrorBanner error={action.error} />
          <dl className="details">
            <dt>{t('fields.login')}</dt>
            <dd>{u.login}</dd>
            <dt>{t('fields.roles')}</dt>
            <dd>{u.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}</dd>
            <dt>{t('fields.unit')}</dt>
            <dd>{u.unit_name ?? t('common.none')}</dd>
            <dt>{t('fields.status')}</dt>
            <dd>
              <StatusBadge active={u.is_active} />
            </dd>
            <dt>{t('fields.updatedAt')}</dt>
            <dd>{formatDateTime(u.updated_at)}</dd>
          </dl>
        </>
      )}
    </section>
  );
}

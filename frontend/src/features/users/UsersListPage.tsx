import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useListParams } from '../../lib/useListParams';
import { ROLES, type Role } from '../../api/types';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { Pagination } from '../../components/Pagination';
import { StatusBadge } from '../../components/StatusBadge';
import { useUsers } from './api';

export function UsersListPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const query = useUsers({
    q: p.get('q'),
    role: ROLES.find((r): r is Role => r === p.get('role')),
    include_inactive: p.flag('inactive'),
    limit: p.limit,
    offset: p.offset,
  });

  return (
    <section>
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        <Link className="button primary" to="/users/new">
          {t('users.create')}
        </Link>
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField id="q" type="search" label={t('common.search')} value={p.get('q')} onChange={(v) => p.set('q', v)} />
        <SelectField
          id="role"
          label={t('fields.role')}
          value={p.get('role')}
          onChange={(v) => p.set('role', v)}
          empty={t('common.all')}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <CheckboxField
          id="inactive"
          label={t('common.includeInactive')}
          checked={p.flag('inactive')}
          onChange={(v) => p.setFlag('inactive', v)}
        />
      </form>
      <ErrorBanner error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : query.data ? (
        <>
          {query.data.items.length === 0 ? (
            <p className="muted">{t('common.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('fields.login')}</th>
                  <th>{t('fields.fullName')}</th>
                  <th>{t('fields.roles')}</th>
                  <th>{t('fields.unit')}</th>
                  <th>{t('fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((u) => (
                  <tr key={u.id}>
                    <td data-label={t('fields.login')}>
                      <Link to={`/users/${u.id}`}>{u.login}</Link>
                    </td>
                    <td data-label={t('fields.fullName')}>{u.full_name}</td>
                    <td data-label={t('fields.roles')}>
                      {u.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}
                    </td>
                    <td data-label={t('fields.unit')}>{u.unit_name ?? ''}</td>
                    <td data-label={t('fields.status')}>
                      <StatusBadge active={u.is_active} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pagination offset={p.offset} limit={p.limit} total={query.data.total} onChange={p.setOffset} />
        </>
      ) : null}
    </section>
  );
}

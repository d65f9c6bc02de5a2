import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useListParams } from '../../lib/useListParams';
import { ROLES, type Role, type User } from '../../api/types';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { InactiveFilter, SearchFilter, SelectFilter } from '../../components/ListFilters';
import { StatusBadge } from '../../components/StatusBadge';
import { useUsers } from './api/users';

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

  const columns: Column<User>[] = [
    { key: 'login', label: t('fields.login'), render: (u) => <Link to={`/users/${u.id}`}>{u.login}</Link> },
    { key: 'name', label: t('fields.fullName'), render: (u) => u.full_name },
    { key: 'roles', label: t('fields.roles'), render: (u) => u.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ') },
    { key: 'unit', label: t('fields.unit'), render: (u) => u.unit_name ?? '' },
    { key: 'status', label: t('fields.status'), render: (u) => <StatusBadge active={u.is_active} /> },
  ];

  return (
    <ListPage
      title={t('users.title')}
      action={
        <Link className="button primary" to="/users/new">
          {t('users.create')}
        </Link>
      }
      filters={
        <>
          <SearchFilter p={p} />
          <SelectFilter
            p={p}
            name="role"
            label={t('fields.role')}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
          <InactiveFilter p={p} />
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(u) => u.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

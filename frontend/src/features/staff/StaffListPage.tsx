import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import type { Staff } from '../../api/types';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { InactiveFilter, SearchFilter, SelectFilter } from '../../components/ListFilters';
import { StatusBadge } from '../../components/StatusBadge';
import { useUnitOptions } from '../../lib/queries/units';
import { useStaffList } from './api/staff';

export function StaffListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const units = useUnitOptions();
  const query = useStaffList({
    q: p.get('q'),
    unit_id: Number(p.get('unit_id')) || undefined,
    include_inactive: p.flag('inactive'),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<Staff>[] = [
    { key: 'code', label: t('fields.code'), className: 'col-code', render: (s) => s.code },
    { key: 'name', label: t('fields.fullName'), render: (s) => <Link to={`/staff/${s.id}`}>{s.full_name}</Link> },
    { key: 'position', label: t('fields.position'), render: (s) => s.position },
    { key: 'unit', label: t('fields.unit'), className: 'col-unit', render: (s) => s.unit_name ?? '' },
    { key: 'status', label: t('fields.status'), render: (s) => <StatusBadge active={s.is_active} /> },
  ];

  return (
    <ListPage
      title={t('staff.title')}
      action={
        me.permissions.includes('staff:write') && (
          <Link className="button primary" to="/staff/new">
            {t('staff.create')}
          </Link>
        )
      }
      filters={
        <>
          <SearchFilter p={p} />
          <SelectFilter
            p={p}
            name="unit_id"
            label={t('fields.unit')}
            options={(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
          />
          <InactiveFilter p={p} />
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(s) => s.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

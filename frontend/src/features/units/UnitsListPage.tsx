import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { UNIT_KINDS, type Unit, type UnitKind } from '../../api/types';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { InactiveFilter, SearchFilter, SelectFilter } from '../../components/ListFilters';
import { StatusBadge } from '../../components/StatusBadge';
import { useUnits } from './api/units';

export function UnitsListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const query = useUnits({
    q: p.get('q'),
    kind: UNIT_KINDS.find((k): k is UnitKind => k === p.get('kind')),
    include_inactive: p.flag('inactive'),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<Unit>[] = [
    { key: 'code', label: t('fields.code'), render: (u) => u.code },
    { key: 'name', label: t('fields.name'), render: (u) => <Link to={`/units/${u.id}`}>{u.name}</Link> },
    { key: 'kind', label: t('fields.kind'), render: (u) => t(`unitKinds.${u.kind}`) },
    { key: 'level', label: t('fields.schoolLevel'), render: (u) => (u.school_level ? t(`schoolLevels.${u.school_level}`) : '') },
    { key: 'parent', label: t('fields.parent'), render: (u) => u.parent_name ?? '' },
    { key: 'status', label: t('fields.status'), render: (u) => <StatusBadge active={u.is_active} /> },
  ];

  return (
    <ListPage
      title={t('units.title')}
      action={
        me.permissions.includes('units:write') && (
          <Link className="button primary" to="/units/new">
            {t('units.create')}
          </Link>
        )
      }
      filters={
        <>
          <SearchFilter p={p} />
          <SelectFilter
            p={p}
            name="kind"
            label={t('fields.kind')}
            options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))}
          />
          <InactiveFilter p={p} />
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(u) => u.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

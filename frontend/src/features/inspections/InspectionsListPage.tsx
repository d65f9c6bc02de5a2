import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  INSPECTION_KINDS,
  INSPECTION_STATUSES,
  type Inspection,
  type InspectionKind,
  type InspectionStatus,
} from '../../api/types';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { actionInHeading, ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { useMovements } from '../../lib/queries/frameworks';
import { useInspections } from './api/inspections';
import { formatDate } from '../../lib/format';

export function InspectionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={status === 'open' ? 'badge badge-ok' : 'badge badge-off'}>
      {t(`inspections.statuses.${status}`, { defaultValue: status })}
    </span>
  );
}

export function InspectionsListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const movements = useMovements();
  const years = movements.data?.[0]?.school_years ?? [];
  const query = useInspections({
    school_year: p.get('school_year') || undefined,
    status: INSPECTION_STATUSES.find((s): s is InspectionStatus => s === p.get('status')),
    kind: INSPECTION_KINDS.find((k): k is InspectionKind => k === p.get('kind')),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<Inspection>[] = [
    { key: 'date', label: t('inspections.date'), render: (i) => formatDate(i.inspection_date) },
    { key: 'title', label: t('inspections.titleField'), render: (i) => <Link to={`/inspections/${i.id}`}>{i.title}</Link> },
    { key: 'kind', label: t('inspections.kind'), render: (i) => t(`inspections.kinds.${i.kind}`) },
    { key: 'year', label: t('fields.schoolYear'), render: (i) => i.school_year },
    { key: 'units', label: t('inspections.schools'), render: (i) => i.units.map((u) => u.name).join(', ') },
    { key: 'status', label: t('fields.status'), render: (i) => <InspectionStatusBadge status={i.status} /> },
  ];

  const may = me.permissions.includes('inspections:manage');
  const createLink = (
    <Link className="button primary" to="/inspections/new">
      {t('inspections.create')}
    </Link>
  );
  return (
    <ListPage
      title={t('inspections.title')}
      action={may && actionInHeading(query) && createLink}
      filters={
        <>
          <SelectFilter p={p} name="school_year" label={t('fields.schoolYear')} options={years.map((y) => ({ value: y, label: y }))} />
          <SelectFilter
            p={p}
            name="status"
            label={t('fields.status')}
            options={INSPECTION_STATUSES.map((s) => ({ value: s, label: t(`inspections.statuses.${s}`) }))}
          />
          <SelectFilter
            p={p}
            name="kind"
            label={t('inspections.kind')}
            options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`inspections.kinds.${k}`) }))}
          />
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(i) => i.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} empty={{ message: t('demo.empty.inspections'), action: may ? createLink : undefined }} />
    </ListPage>
  );
}

import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Plan, PlanStatus } from '../../api/types';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { actionInHeading, ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { usePlans } from './api/plans';
import { DeadlineBadge, PlanStatusBadge } from '../../components/PlanBadges';
import { formatDate } from '../../lib/format';

const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'issued'] as const satisfies readonly PlanStatus[];

export function PlansListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const query = usePlans({
    status: STATUSES.find((s): s is PlanStatus => s === p.get('status')),
    kind: p.get('kind') === 'commune' || p.get('kind') === 'unit' ? (p.get('kind') as 'commune' | 'unit') : undefined,
    limit: p.limit,
    offset: p.offset,
  });
  // the school's own plan, to offer "Lập kế hoạch" only while it has none
  const own = usePlans({ unit_id: me.unit_id ?? undefined, kind: 'unit', limit: 1, offset: 0 });
  const canCreate =
    me.permissions.includes('plans:write') && !me.permissions.includes('plans:review') && !!me.unit_id && own.isSuccess && own.data.items.every((x) => x.unit_id !== me.unit_id);

  const createLink = (
    <Link className="button primary" to="/plans/new">
      {t('plans.create')}
    </Link>
  );
  const columns: Column<Plan>[] = [
    { key: 'number', label: t('plans.number'), render: (x) => x.number },
    { key: 'title', label: t('plans.titleField'), render: (x) => <Link to={`/plans/${x.id}`}>{x.title}</Link> },
    { key: 'unit', label: t('fields.unit'), render: (x) => x.unit_name },
    { key: 'kind', label: t('plans.kind'), render: (x) => t(`plans.kinds.${x.kind}`) },
    { key: 'status', label: t('fields.status'), render: (x) => <PlanStatusBadge status={x.status} /> },
    {
      key: 'due',
      label: t('plans.dueDate'),
      render: (x) => (
        <>
          {formatDate(x.due_date)} <DeadlineBadge status={x.deadline_status} daysLeft={x.days_left} />
        </>
      ),
    },
  ];

  return (
    <ListPage
      title={t('plans.title')}
      action={canCreate && actionInHeading(query) && createLink}
      filters={
        <>
          <SelectFilter p={p} name="status" label={t('fields.status')} options={STATUSES.map((s) => ({ value: s, label: t(`plans.statuses.${s}`) }))} />
          <SelectFilter
            p={p}
            name="kind"
            label={t('plans.kind')}
            options={(['commune', 'unit'] as const).map((k) => ({ value: k, label: t(`plans.kinds.${k}`) }))}
          />
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(x) => x.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} empty={{ message: t('demo.empty.plans'), action: canCreate ? createLink : undefined }} />
    </ListPage>
  );
}

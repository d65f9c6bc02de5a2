import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TrackingRow } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useMovements } from '../../lib/queries/frameworks';
import { usePlanTracking } from './api/plans';
import { DeadlineBadge, PlanStatusBadge } from '../../components/PlanBadges';

export function PlanTrackingPage() {
  const { t } = useTranslation();
  const movements = useMovements();
  const query = usePlanTracking(movements.data?.[0]?.id);
  return (
    <section>
      <h1>{t('plans.tracking')}</h1>
      <ErrorBanner error={movements.error ?? query.error} />
      {query.isPending ? (
        <Loading />
      ) : (
        <DataTable<TrackingRow>
          rows={query.data ?? []}
          rowKey={(r) => r.unit_id}
          className="tracking"
          columns={[
            { key: 'code', label: t('fields.code'), render: (r) => r.unit_code },
            {
              key: 'name',
              label: t('fields.name'),
              render: (r) => (r.plan_id ? <Link to={`/plans/${r.plan_id}`}>{r.unit_name}</Link> : r.unit_name),
            },
            { key: 'status', label: t('fields.status'), render: (r) => <PlanStatusBadge status={r.status} /> },
            { key: 'received', label: t('plans.receivedDate'), render: (r) => r.received_date ?? '' },
            { key: 'due', label: t('plans.dueDate'), render: (r) => r.due_date ?? '' },
            {
              key: 'days',
              label: t('plans.daysLeftColumn'),
              className: 'col-num',
              render: (r) => (r.days_left === null ? '' : String(r.days_left)),
            },
            { key: 'deadline', label: t('plans.deadlineStatus'), render: (r) => <DeadlineBadge status={r.deadline_status} daysLeft={r.days_left} /> },
          ]}
        />
      )}
    </section>
  );
}

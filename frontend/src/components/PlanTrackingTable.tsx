import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TrackingRow } from '../api/types';
import { formatDate, formatDateTime, formatPercent } from '../lib/format';
import { DataTable } from './DataTable';
import type { EmptyProps } from './EmptyState';
import { DeadlineBadge, PlanStatusBadge } from './PlanBadges';

/** The schools of a commune and their implementation plans: received, due, submitted, approved,
 * progress. Shown to the commune (plans) and to the Department for a commune it picks (province). */
export function PlanTrackingTable({
  rows,
  empty,
  caption,
}: {
  rows: readonly TrackingRow[];
  empty?: EmptyProps;
  caption?: string;
}) {
  const { t } = useTranslation();
  return (
    <DataTable<TrackingRow>
      rows={rows}
      rowKey={(r) => r.unit_id}
      className="tracking"
      caption={caption}
      empty={empty}
      columns={[
        { key: 'code', label: t('fields.code'), render: (r) => r.unit_code },
        {
          key: 'name',
          label: t('fields.name'),
          render: (r) => (r.plan_id ? <Link to={`/plans/${r.plan_id}`}>{r.unit_name}</Link> : r.unit_name),
        },
        { key: 'status', label: t('fields.status'), render: (r) => <PlanStatusBadge status={r.status} /> },
        { key: 'sent', label: t('plans.sentAt'), render: (r) => (r.sent_at ? formatDateTime(r.sent_at) : '') },
        {
          key: 'received',
          label: t('plans.receivedDate'),
          render: (r) =>
            r.received_date
              ? `${formatDate(r.received_date)} (${t(`plans.receivedSources.${r.received_source ?? 'app'}`)})`
              : r.ack_overdue
                ? t('plans.ackOverdue')
                : '',
        },
        { key: 'due', label: t('plans.dueDate'), render: (r) => formatDate(r.due_date) },
        {
          key: 'days',
          label: t('plans.daysLeftColumn'),
          className: 'col-num',
          render: (r) => (r.days_left === null ? '' : String(r.days_left)),
        },
        { key: 'submitted', label: t('plans.submittedAt'), render: (r) => (r.submitted_at ? formatDateTime(r.submitted_at) : '') },
        { key: 'approved', label: t('plans.approvedAt'), render: (r) => (r.approved_at ? formatDateTime(r.approved_at) : '') },
        {
          key: 'progress',
          label: t('plans.progress'),
          className: 'col-num',
          render: (r) => formatPercent(r.progress_percent),
        },
        {
          key: 'deadline',
          label: t('plans.deadlineStatus'),
          render: (r) => <DeadlineBadge status={r.deadline_status} daysLeft={r.days_left} />,
        },
      ]}
    />
  );
}

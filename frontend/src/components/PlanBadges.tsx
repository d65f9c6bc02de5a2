import { useTranslation } from 'react-i18next';

const DEADLINE_CLASS: Record<string, string> = {
  overdue: 'badge badge-danger',
  submitted_late: 'badge badge-danger',
  due_soon: 'badge badge-soon',
  pending: 'badge badge-info',
  on_time: 'badge badge-ok',
  not_received: 'badge badge-off',
};

export function DeadlineBadge({ status, daysLeft }: { status: string | null | undefined; daysLeft?: number | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  const days =
    daysLeft !== null && daysLeft !== undefined && (status === 'pending' || status === 'due_soon' || status === 'overdue')
      ? ` · ${daysLeft >= 0 ? t('plans.daysLeft', { count: daysLeft }) : t('plans.daysOver', { count: -daysLeft })}`
      : '';
  return (
    <span className={DEADLINE_CLASS[status] ?? 'badge badge-off'}>
      {t(`plans.deadline.${status}`, { defaultValue: status })}
      {days}
    </span>
  );
}

const STATUS_CLASS: Record<string, string> = {
  approved: 'badge badge-ok',
  issued: 'badge badge-ok',
  submitted: 'badge badge-info',
  returned: 'badge badge-danger',
  draft: 'badge badge-off',
};

export function PlanStatusBadge({ status }: { status: string | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return <span className="badge badge-off">{t('plans.noPlan')}</span>;
  return <span className={STATUS_CLASS[status] ?? 'badge badge-off'}>{t(`plans.statuses.${status}`, { defaultValue: status })}</span>;
}

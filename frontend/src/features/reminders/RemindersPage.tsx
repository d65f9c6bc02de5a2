import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Reminder } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { formatDate } from '../../lib/format';
import { useReminders } from './api/reminders';

export function DueBadge({ reminder }: { reminder: Reminder }) {
  const { t } = useTranslation();
  if (reminder.overdue)
    return <span className="badge badge-danger">{t('reminders.overdue', { count: Math.abs(reminder.days_left ?? 0) })}</span>;
  if (reminder.days_left === null) return null;
  return (
    <span className={reminder.days_left <= 7 ? 'badge badge-soon' : 'badge badge-info'}>
      {t('plans.daysLeft', { count: reminder.days_left })}
    </span>
  );
}

export function RemindersPage() {
  const { t } = useTranslation();
  const query = useReminders();
  return (
    <section>
      <h1>{t('reminders.title')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : (
        <DataTable<Reminder>
          rows={query.data ?? []}
          rowKey={(r) => `${r.kind}-${r.link}`}
          className="reminders"
          empty={{ message: t('demo.empty.reminders') }}
          columns={[
            { key: 'kind', label: t('reminders.kind'), render: (r) => t(`reminders.kinds.${r.kind}`, { defaultValue: r.kind }) },
            { key: 'title', label: t('reminders.what'), render: (r) => <Link to={r.link}>{r.title}</Link> },
            { key: 'due', label: t('reminders.dueDate'), render: (r) => formatDate(r.due_date) },
            { key: 'left', label: t('reminders.state'), render: (r) => <DueBadge reminder={r} /> },
          ]}
        />
      )}
    </section>
  );
}

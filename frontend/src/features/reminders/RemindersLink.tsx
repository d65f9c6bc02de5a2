import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useReminders } from './api/reminders';

/** "Việc cần làm" in the header, with the number of open reminders. */
export function RemindersLink() {
  const { t } = useTranslation();
  const query = useReminders();
  const count = query.data?.length ?? 0;
  const overdue = query.data?.some((r) => r.overdue) ?? false;
  return (
    <NavLink to="/reminders" className="header-todo" aria-label={t('reminders.linkLabel', { count })}>
      {t('reminders.title')}
      {count > 0 && <span className={overdue ? 'badge badge-danger' : 'badge badge-info'}>{count}</span>}
    </NavLink>
  );
}

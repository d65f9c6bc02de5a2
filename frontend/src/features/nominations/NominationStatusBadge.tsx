import { useTranslation } from 'react-i18next';

const STATUS_CLASS: Record<string, string> = {
  draft: 'badge badge-off',
  submitted: 'badge badge-info',
  reviewed: 'badge badge-soon',
  approved: 'badge badge-ok',
  proposed: 'badge badge-soon',
  decided: 'badge badge-ok',
  rejected: 'badge badge-danger',
};

/** The nomination's status: the server's Vietnamese `status_label`, translated in other languages. */
export function NominationStatusBadge({ status, label }: { status: string; label: string }) {
  const { t, i18n } = useTranslation();
  const text = i18n.language === 'vi' ? label : t(`nominations.statuses.${status}`, { defaultValue: label });
  return <span className={STATUS_CLASS[status] ?? 'badge badge-off'}>{text}</span>;
}

import { useTranslation } from 'react-i18next';

export function StatusBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={active ? 'badge badge-ok' : 'badge badge-off'}>
      {active ? t('common.active') : t('common.inactive')}
    </span>
  );
}

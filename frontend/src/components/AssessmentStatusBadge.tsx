import { useTranslation } from 'react-i18next';
import type { Assessment } from '../api/types';

export function AssessmentStatusBadge({ status }: { status: Assessment['status'] | string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`assessments.statuses.${status}`, { defaultValue: status })}</span>;
}

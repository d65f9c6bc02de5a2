import { useTranslation } from 'react-i18next';
import type { StoryStatus } from './types';

export function StoryStatusBadge({ status }: { status: StoryStatus }) {
  const { t } = useTranslation();
  return <span className={status === 'published' ? 'badge badge-ok' : 'badge status-draft'}>{t(`stories.statuses.${status}`)}</span>;
}

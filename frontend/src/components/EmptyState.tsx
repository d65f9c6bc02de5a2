import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What an empty list shows: what would fill it and, when the role may do it, the action that does. */
export interface EmptyProps {
  message: string;
  /** a link or button, given only when the caller's role can take it */
  action?: ReactNode;
}

export function EmptyState({ message, action }: Partial<EmptyProps>) {
  const { t } = useTranslation();
  return (
    <div className="empty-state" role="status">
      <p className="muted">{message ?? t('common.empty')}</p>
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}

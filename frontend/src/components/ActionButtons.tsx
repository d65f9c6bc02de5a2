import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Edit / deactivate / activate, shown only when listed in the resource's allowed_actions. */
export function ActionButtons({
  allowed,
  editTo,
  canWrite,
  busy,
  onAction,
}: {
  allowed: readonly string[];
  editTo: string;
  canWrite: boolean;
  busy: boolean;
  onAction: (action: 'deactivate' | 'activate') => void;
}) {
  const { t } = useTranslation();
  if (!canWrite) return null;
  return (
    <div className="actions">
      {allowed.includes('update') && (
        <Link className="button primary" to={editTo}>
          {t('common.edit')}
        </Link>
      )}
      {allowed.includes('deactivate') && (
        <button type="button" className="danger" disabled={busy} onClick={() => onAction('deactivate')}>
          {t('common.deactivate')}
        </button>
      )}
      {allowed.includes('activate') && (
        <button type="button" disabled={busy} onClick={() => onAction('activate')}>
          {t('common.activate')}
        </button>
      )}
    </div>
  );
}

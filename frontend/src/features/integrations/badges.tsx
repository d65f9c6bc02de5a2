import { useTranslation } from 'react-i18next';

const KEY_OR_HOOK_CLASS: Record<string, string> = {
  active: 'badge badge-ok',
  paused: 'badge badge-info',
  expired: 'badge badge-off',
  revoked: 'badge badge-danger',
};

/** Status of an API key (active / expired / revoked) or a webhook (active / paused / revoked). */
export function IntegrationStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={KEY_OR_HOOK_CLASS[status] ?? 'badge badge-off'}>
      {t(`integrations.statuses.${status}`, { defaultValue: status })}
    </span>
  );
}

const DELIVERY_CLASS: Record<string, string> = {
  pending: 'badge badge-info',
  delivered: 'badge badge-ok',
  failed: 'badge badge-danger',
};

export function DeliveryStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={DELIVERY_CLASS[status] ?? 'badge badge-off'}>
      {t(`integrations.deliveryStatuses.${status}`, { defaultValue: status })}
    </span>
  );
}

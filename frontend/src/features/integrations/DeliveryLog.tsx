import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { useDeliveries, useWebhookEvents } from './api/integrations';
import { DeliveryStatusBadge } from './badges';
import { eventLabel } from './events';
import { DELIVERY_STATUSES, type DeliveryStatus, type WebhookDelivery } from './types';

/** The deliveries of one subscription, newest first; filter and page kept in the URL. */
export function DeliveryLog({ webhookId }: { webhookId: number }) {
  const { t } = useTranslation();
  const p = useListParams();
  const catalogue = useWebhookEvents();
  const query = useDeliveries(webhookId, {
    status: DELIVERY_STATUSES.find((s): s is DeliveryStatus => s === p.get('status')),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<WebhookDelivery>[] = [
    {
      key: 'event',
      label: t('integrations.deliveries.event'),
      render: (d) => (
        <span>
          {eventLabel(catalogue.data, d.event)} <code className="muted event-code">{d.event}</code>
        </span>
      ),
    },
    { key: 'time', label: t('integrations.deliveries.time'), render: (d) => formatDateTime(d.created_at) },
    {
      key: 'status',
      label: t('integrations.deliveries.status'),
      render: (d) => (
        <span>
          <DeliveryStatusBadge status={d.status} />
          {d.status === 'delivered' && d.delivered_at && (
            <span className="muted delivery-when">
              {t('integrations.deliveries.deliveredAt', { time: formatDateTime(d.delivered_at) })}
            </span>
          )}
          {d.status === 'pending' && d.next_attempt_at && (
            <span className="muted delivery-when">
              {t('integrations.deliveries.nextAttempt', { time: formatDateTime(d.next_attempt_at) })}
            </span>
          )}
        </span>
      ),
    },
    { key: 'attempts', label: t('integrations.deliveries.attempts'), className: 'col-num', render: (d) => d.attempts },
    {
      key: 'code',
      label: t('integrations.deliveries.lastStatusCode'),
      className: 'col-num',
      render: (d) => d.last_status_code ?? '—',
    },
    { key: 'error', label: t('integrations.deliveries.lastError'), className: 'col-block', render: (d) => d.last_error ?? '' },
    {
      key: 'payload',
      label: t('integrations.deliveries.payload'),
      className: 'col-block',
      render: (d) => (
        <details>
          <summary>{t('integrations.deliveries.showPayload')}</summary>
          <pre className="payload">{JSON.stringify(d.payload, null, 2)}</pre>
        </details>
      ),
    },
  ];

  return (
    <section aria-labelledby="deliveries-title" className="delivery-log">
      <h2 id="deliveries-title">{t('integrations.deliveries.title')}</h2>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter
          p={p}
          name="status"
          label={t('integrations.deliveries.status')}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`integrations.deliveryStatuses.${s}`) }))}
        />
      </form>
      <PagedTable query={query} columns={columns} rowKey={(d) => d.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </section>
  );
}

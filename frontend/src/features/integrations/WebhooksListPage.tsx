import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { useWebhookEvents, useWebhooks } from './api/integrations';
import { IntegrationStatusBadge } from './badges';
import { eventLabel } from './events';
import type { Webhook } from './types';
import './integrations.css';

export function WebhooksListPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const catalogue = useWebhookEvents();
  const query = useWebhooks({ limit: p.limit, offset: p.offset });

  const columns: Column<Webhook>[] = [
    { key: 'name', label: t('integrations.webhooks.name'), render: (w) => <Link to={`/integrations/webhooks/${w.id}`}>{w.name}</Link> },
    { key: 'url', label: t('integrations.webhooks.url'), className: 'url', render: (w) => w.url },
    {
      key: 'events',
      label: t('integrations.webhooks.events'),
      render: (w) => (
        <ul className="plain">
          {w.events.map((e) => (
            <li key={e} title={e}>
              {eventLabel(catalogue.data, e)}
            </li>
          ))}
        </ul>
      ),
    },
    { key: 'unit', label: t('integrations.unit'), render: (w) => w.unit_name ?? t('integrations.allUnits') },
    { key: 'status', label: t('fields.status'), render: (w) => <IntegrationStatusBadge status={w.status} /> },
    { key: 'pending', label: t('integrations.webhooks.pending'), className: 'col-num', render: (w) => w.pending_deliveries },
    {
      key: 'failed',
      label: t('integrations.webhooks.failed'),
      className: 'col-num',
      render: (w) => (w.failed_deliveries > 0 ? <strong className="failed-count">{w.failed_deliveries}</strong> : 0),
    },
  ];

  return (
    <ListPage
      title={t('integrations.webhooks.title')}
      action={
        <Link className="button primary" to="/integrations/webhooks/new">
          {t('integrations.webhooks.create')}
        </Link>
      }
    >
      <p className="muted">{t('integrations.webhooks.intro')}</p>
      <PagedTable query={query} columns={columns} rowKey={(w) => w.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

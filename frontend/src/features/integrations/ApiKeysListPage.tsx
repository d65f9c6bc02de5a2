import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { isConflict } from '../../lib/errors';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useApiKeys, useRevokeApiKey, useScopeCatalogue, useServiceAccounts } from './api/integrations';
import { IntegrationStatusBadge } from './badges';
import { ScopeList } from './ScopeList';
import type { ApiKey } from './types';
import './integrations.css';

export function ApiKeysListPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const accounts = useServiceAccounts();
  const catalogue = useScopeCatalogue();
  const query = useApiKeys({
    service_account_id: Number(p.get('service_account_id')) || undefined,
    limit: p.limit,
    offset: p.offset,
  });
  const revoke = useRevokeApiKey();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function revokeKey(k: ApiKey) {
    setDone(null);
    revoke.mutate(k, {
      onSuccess: () => {
        setConfirming(null);
        setDone(t('integrations.keys.revoked', { name: k.name }));
      },
      onError: (e) => {
        if (isConflict(e)) setConfirming(null);
      },
    });
  }

  const columns: Column<ApiKey>[] = [
    {
      key: 'name',
      label: t('integrations.keys.name'),
      render: (k) => <span id={`key-${k.id}-name`}>{k.name}</span>,
    },
    { key: 'prefix', label: t('integrations.keys.prefix'), render: (k) => <code>{k.prefix}</code> },
    { key: 'account', label: t('integrations.keys.serviceAccount'), render: (k) => k.service_account_login },
    { key: 'scopes', label: t('integrations.keys.scopes'), render: (k) => <ScopeList scopes={k.scopes} catalogue={catalogue.data} /> },
    { key: 'unit', label: t('integrations.unit'), render: (k) => k.unit_name ?? t('integrations.allUnits') },
    { key: 'status', label: t('fields.status'), render: (k) => <IntegrationStatusBadge status={k.status} /> },
    {
      key: 'expires',
      label: t('integrations.keys.expiresAt'),
      render: (k) => (k.expires_at ? formatDateTime(k.expires_at) : t('integrations.keys.neverExpires')),
    },
    {
      key: 'used',
      label: t('integrations.keys.lastUsed'),
      render: (k) => (k.last_used_at ? formatDateTime(k.last_used_at) : t('integrations.keys.neverUsed')),
    },
    {
      key: 'actions',
      label: t('integrations.actions'),
      render: (k) =>
        !k.allowed_actions.includes('revoke') ? null : confirming === k.id ? (
          <ConfirmDelete
            question={t('integrations.keys.revokeConfirm', { name: k.name, prefix: k.prefix })}
            yes={t('integrations.keys.revokeYes')}
            busy={revoke.isPending}
            onYes={() => revokeKey(k)}
            onCancel={() => setConfirming(null)}
          />
        ) : (
          <button
            type="button"
            className="danger small"
            aria-describedby={`key-${k.id}-name`}
            onClick={() => {
              revoke.reset();
              setDone(null);
              setConfirming(k.id);
            }}
          >
            {t('integrations.revoke')}
          </button>
        ),
    },
  ];

  return (
    <ListPage
      title={t('integrations.keys.title')}
      action={
        <Link className="button primary" to="/integrations/api-keys/new">
          {t('integrations.keys.create')}
        </Link>
      }
      filters={
        <SelectFilter
          p={p}
          name="service_account_id"
          label={t('integrations.keys.serviceAccount')}
          options={(accounts.data ?? []).map((u) => ({ value: String(u.id), label: u.login }))}
        />
      }
    >
      <p className="muted">{t('integrations.keys.intro')}</p>
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      <ErrorBanner error={revoke.error} />
      <PagedTable query={query} columns={columns} rowKey={(k) => k.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

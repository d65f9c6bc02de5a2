import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { useRevokeWebhook, useRotateWebhookSecret, useTestWebhook, useWebhook, useWebhookEvents } from './api/integrations';
import { IntegrationStatusBadge } from './badges';
import { eventLabel } from './events';
import { DeliveryLog } from './DeliveryLog';
import { SecretBox, SignatureHelp } from './SecretBox';
import './integrations.css';

type Confirming = 'revoke' | 'rotate' | null;

export function WebhookDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useWebhook(id);
  const catalogue = useWebhookEvents();
  const revoke = useRevokeWebhook();
  const rotate = useRotateWebhookSecret();
  const test = useTestWebhook();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [message, setMessage] = useState<string | null>(null);
  const w = query.data;
  const busy = revoke.isPending || rotate.isPending || test.isPending;
  // only the latest rotation of this page's subscription (the secret is not kept anywhere else)
  const newSecret = rotate.data && rotate.data.id === id ? rotate.data.secret : null;

  function ask(what: Confirming) {
    revoke.reset();
    test.reset();
    if (what === 'rotate') rotate.reset();
    setMessage(null);
    setConfirming(what);
  }

  const closeOnConflict = (e: unknown) => {
    if (isConflict(e)) setConfirming(null);
  };

  return (
    <section>
      <p>
        <Link to="/integrations/webhooks">← {t('integrations.webhooks.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {w && (
        <>
          <div className="page-head">
            <div>
              <h1>{w.name}</h1>
              <p className="muted url">{w.url}</p>
            </div>
            <div className="actions">
              {w.allowed_actions.includes('update') && (
                <Link className="button primary" to={`/integrations/webhooks/${w.id}/edit`}>
                  {t('common.edit')}
                </Link>
              )}
              {w.allowed_actions.includes('test') && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    setConfirming(null);
                    setMessage(null);
                    test.mutate(w, { onSuccess: () => setMessage(t('integrations.webhooks.testQueued')) });
                  }}
                >
                  {t('integrations.webhooks.test')}
                </button>
              )}
              {w.allowed_actions.includes('rotate_secret') && confirming !== 'rotate' && (
                <button type="button" disabled={busy} onClick={() => ask('rotate')}>
                  {t('integrations.webhooks.rotate')}
                </button>
              )}
              {w.allowed_actions.includes('revoke') && confirming !== 'revoke' && (
                <button type="button" className="danger" disabled={busy} onClick={() => ask('revoke')}>
                  {t('integrations.revoke')}
                </button>
              )}
            </div>
          </div>
          {confirming === 'rotate' && (
            <ConfirmDelete
              question={t('integrations.webhooks.rotateConfirm', { name: w.name })}
              yes={t('integrations.webhooks.rotateYes')}
              busy={rotate.isPending}
              onYes={() => rotate.mutate(w, { onSuccess: () => setConfirming(null), onError: closeOnConflict })}
              onCancel={() => setConfirming(null)}
            />
          )}
          {confirming === 'revoke' && (
            <ConfirmDelete
              question={t('integrations.webhooks.revokeConfirm', { name: w.name })}
              yes={t('integrations.webhooks.revokeYes')}
              busy={revoke.isPending}
              onYes={() =>
                revoke.mutate(w, {
                  onSuccess: () => {
                    setConfirming(null);
                    rotate.reset();
                    setMessage(t('integrations.webhooks.revoked', { name: w.name }));
                  },
                  onError: closeOnConflict,
                })
              }
              onCancel={() => setConfirming(null)}
            />
          )}
          <ErrorBanner error={revoke.error ?? rotate.error ?? test.error} />
          {message && (
            <p className="alert alert-ok" role="status">
              {message}
            </p>
          )}
          {newSecret && (
            <SecretBox
              title={t('integrations.webhooks.rotatedTitle')}
              label={t('integrations.webhooks.secretLabel')}
              secret={newSecret}
            >
              <SignatureHelp />
            </SecretBox>
          )}
          <dl className="details">
            <dt>{t('fields.status')}</dt>
            <dd>
              <IntegrationStatusBadge status={w.status} />
            </dd>
            <dt>{t('integrations.webhooks.url')}</dt>
            <dd className="url">{w.url}</dd>
            <dt>{t('integrations.webhooks.events')}</dt>
            <dd>
              <ul className="plain">
                {w.events.map((e) => (
                  <li key={e}>
                    {eventLabel(catalogue.data, e)} <code className="muted event-code">{e}</code>
                  </li>
                ))}
              </ul>
            </dd>
            <dt>{t('integrations.unit')}</dt>
            <dd>{w.unit_name ?? t('integrations.allUnits')}</dd>
            <dt>{t('integrations.webhooks.pending')}</dt>
            <dd>{w.pending_deliveries}</dd>
            <dt>{t('integrations.webhooks.failed')}</dt>
            <dd>{w.failed_deliveries}</dd>
            {w.revoked_at && (
              <>
                <dt>{t('integrations.webhooks.revokedAt')}</dt>
                <dd>{formatDateTime(w.revoked_at)}</dd>
              </>
            )}
            <dt>{t('integrations.webhooks.createdAt')}</dt>
            <dd>{formatDateTime(w.created_at)}</dd>
            <dt>{t('fields.updatedAt')}</dt>
            <dd>{formatDateTime(w.updated_at)}</dd>
          </dl>
          {!newSecret && <SignatureHelp />}
          <DeliveryLog webhookId={w.id} />
        </>
      )}
    </section>
  );
}

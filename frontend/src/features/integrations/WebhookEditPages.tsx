import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { changed } from '../../lib/form';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useCreateWebhook, useUpdateWebhook, useWebhook, useWebhookEvents } from './api/integrations';
import { eventLabel } from './events';
import { SecretBox, SignatureHelp } from './SecretBox';
import { WebhookForm } from './WebhookForm';
import type { WebhookCreated } from './types';
import './integrations.css';

export function WebhookCreatePage() {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const created = create.data;
  return (
    <section>
      <p>
        <Link to="/integrations/webhooks">← {t('integrations.webhooks.title')}</Link>
      </p>
      <h1>{t('integrations.webhooks.createTitle')}</h1>
      {created ? (
        <CreatedWebhook w={created} />
      ) : (
        <WebhookForm
          error={create.error}
          busy={create.isPending}
          submitLabel={t('integrations.webhooks.create')}
          onSubmit={({ name, url, events, unit_id }) => create.mutate({ name, url, events, unit_id })}
        />
      )}
    </section>
  );
}

/** The new subscription, its signing secret shown this once. */
function CreatedWebhook({ w }: { w: WebhookCreated }) {
  const { t } = useTranslation();
  const catalogue = useWebhookEvents();
  return (
    <>
      <p className="alert alert-ok">{t('integrations.webhooks.created', { name: w.name })}</p>
      <SecretBox title={t('integrations.webhooks.secretTitle')} label={t('integrations.webhooks.secretLabel')} secret={w.secret}>
        <SignatureHelp open />
      </SecretBox>
      <dl className="details">
        <dt>{t('integrations.webhooks.name')}</dt>
        <dd>{w.name}</dd>
        <dt>{t('integrations.webhooks.url')}</dt>
        <dd className="url">{w.url}</dd>
        <dt>{t('integrations.webhooks.events')}</dt>
        <dd>
          <ul className="plain">
            {w.events.map((e) => (
              <li key={e}>{eventLabel(catalogue.data, e)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('integrations.unit')}</dt>
        <dd>{w.unit_name ?? t('integrations.allUnits')}</dd>
      </dl>
      <div className="actions">
        <Link className="button primary" to={`/integrations/webhooks/${w.id}`}>
          {t('integrations.webhooks.view')}
        </Link>
        <Link className="button" to="/integrations/webhooks">
          {t('integrations.webhooks.backToList')}
        </Link>
      </div>
    </>
  );
}

export function WebhookEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useWebhook(id);
  const webhook = query.data;
  const update = useUpdateWebhook(webhook);

  return (
    <section>
      <p>
        <Link to={`/integrations/webhooks/${id}`}>← {webhook?.name ?? t('integrations.webhooks.title')}</Link>
      </p>
      <h1>{t('integrations.webhooks.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(update.error) && <ErrorBanner error={update.error} />}
      {webhook && !webhook.allowed_actions.includes('update') && (
        <p className="alert alert-info">{t('integrations.webhooks.notEditable')}</p>
      )}
      {webhook && webhook.allowed_actions.includes('update') && (
        <WebhookForm
          key={webhook.version}
          initial={webhook}
          error={isConflict(update.error) ? null : update.error}
          busy={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={({ name, url, events, is_active }) =>
            update.mutate(changed(webhook, { name, url, events, is_active }), {
              onSuccess: () => navigate(`/integrations/webhooks/${id}`),
            })
          }
        />
      )}
    </section>
  );
}

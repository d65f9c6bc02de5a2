import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { formatDateTime } from '../../lib/format';
import { optionalId } from '../../lib/form';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useUnitOptions } from '../../lib/queries/units';
import { useCreateApiKey, useScopeCatalogue, useServiceAccounts } from './api/integrations';
import { expiryFromDate, isPastDay, todayInVietnam } from './expiry';
import { gridFromScopes, scopesFromGrid, type ScopeGrid } from './scopes';
import { ScopeGridField } from './ScopeGridField';
import { ScopeList } from './ScopeList';
import { SecretBox } from './SecretBox';
import type { ApiKeyCreate, ApiKeyCreated, ScopeCatalogue } from './types';
import './integrations.css';

export const API_KEY_FIELDS = ['name', 'service_account_id', 'scopes', 'unit_id', 'expires_at'] as const;

type LocalErrors = Partial<Record<(typeof API_KEY_FIELDS)[number], string>>;

export function ApiKeyCreatePage() {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const catalogue = useScopeCatalogue();
  const created = create.data;

  return (
    <section>
      <p>
        <Link to="/integrations/api-keys">← {t('integrations.keys.title')}</Link>
      </p>
      <h1>{t('integrations.keys.createTitle')}</h1>
      {created ? (
        <CreatedKey k={created} catalogue={catalogue.data} onAnother={() => create.reset()} />
      ) : (
        <>
          <ErrorBanner error={catalogue.error} />
          {catalogue.isPending && <Loading />}
          {catalogue.data && (
            <ApiKeyForm
              catalogue={catalogue.data}
              error={create.error}
              busy={create.isPending}
              onSubmit={(body) => create.mutate(body)}
            />
          )}
        </>
      )}
    </section>
  );
}

/** The new key, its secret shown this once. */
function CreatedKey({
  k,
  catalogue,
  onAnother,
}: {
  k: ApiKeyCreated;
  catalogue: ScopeCatalogue | undefined;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="alert alert-ok">{t('integrations.keys.created', { name: k.name })}</p>
      <SecretBox title={t('integrations.keys.secretTitle')} label={t('integrations.keys.secretLabel')} secret={k.secret} />
      <dl className="details">
        <dt>{t('integrations.keys.name')}</dt>
        <dd>{k.name}</dd>
        <dt>{t('integrations.keys.prefix')}</dt>
        <dd>
          <code>{k.prefix}</code>
        </dd>
        <dt>{t('integrations.keys.serviceAccount')}</dt>
        <dd>{k.service_account_login}</dd>
        <dt>{t('integrations.keys.scopes')}</dt>
        <dd>
          <ScopeList scopes={k.scopes} catalogue={catalogue} />
        </dd>
        <dt>{t('integrations.unit')}</dt>
        <dd>{k.unit_name ?? t('integrations.allUnits')}</dd>
        <dt>{t('integrations.keys.expiresAt')}</dt>
        <dd>{k.expires_at ? formatDateTime(k.expires_at) : t('integrations.keys.neverExpires')}</dd>
      </dl>
      <div className="actions">
        <Link className="button primary" to="/integrations/api-keys">
          {t('integrations.keys.backToList')}
        </Link>
        <button type="button" onClick={onAnother}>
          {t('integrations.keys.createAnother')}
        </button>
      </div>
    </>
  );
}

function ApiKeyForm({
  catalogue,
  error,
  busy,
  onSubmit,
}: {
  catalogue: ScopeCatalogue;
  error: unknown;
  busy: boolean;
  onSubmit: (body: ApiKeyCreate) => void;
}) {
  const { t } = useTranslation();
  const accounts = useServiceAccounts();
  const units = useUnitOptions();
  const [name, setName] = useState('');
  const [account, setAccount] = useState('');
  const [grid, setGrid] = useState<ScopeGrid>(() => gridFromScopes(catalogue));
  const [unitId, setUnitId] = useState('');
  const [expiry, setExpiry] = useState('');
  const [local, setLocal] = useState<LocalErrors>({});
  const server = error instanceof ApiError ? fieldErrors(error.problem) : {};
  const errors: LocalErrors = { ...server, ...local };
  const scopes = scopesFromGrid(catalogue, grid);

  /** A field's own (client-side) error goes away once the field is edited. */
  function clear(field: keyof LocalErrors) {
    setLocal(({ [field]: _, ...rest }) => rest);
  }
  function edit<V>(field: keyof LocalErrors, set: (value: V) => void) {
    return (value: V) => {
      set(value);
      clear(field);
    };
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const expires = expiryFromDate(expiry);
    const found: LocalErrors = {};
    if (!name.trim()) found.name = t('integrations.keys.errors.name');
    if (!optionalId(account)) found.service_account_id = t('integrations.keys.errors.serviceAccount');
    if (scopes.length === 0) found.scopes = t('integrations.keys.errors.scopes');
    if (expires === undefined) found.expires_at = t('integrations.keys.errors.expiryInvalid');
    else if (isPastDay(expiry.trim())) found.expires_at = t('integrations.keys.errors.expiryPast');
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({
      name: name.trim(),
      service_account_id: optionalId(account)!,
      scopes,
      unit_id: optionalId(unitId),
      expires_at: expires ?? null,
    });
  }

  const accountOptions = (accounts.data ?? []).map((u) => ({ value: String(u.id), label: `${u.login} — ${u.full_name}` }));

  return (
    <form className="form form-wide" onSubmit={submit} noValidate>
      <ErrorBanner error={error} fields={API_KEY_FIELDS} />
      <TextField
        id="name"
        label={t('integrations.keys.name')}
        hint={t('integrations.keys.nameHint')}
        value={name}
        onChange={edit('name', setName)}
        error={errors.name}
        maxLength={120}
        autoComplete="off"
        required
      />
      <ErrorBanner error={accounts.error} />
      <SelectField
        id="service_account_id"
        label={t('integrations.keys.serviceAccount')}
        hint={
          accounts.data && accounts.data.length === 0
            ? t('integrations.keys.noServiceAccounts')
            : t('integrations.keys.serviceAccountHint')
        }
        value={account}
        onChange={edit('service_account_id', setAccount)}
        error={errors.service_account_id}
        empty={t('common.choose')}
        options={accountOptions}
        required
      />
      <ScopeGridField catalogue={catalogue} grid={grid} onChange={edit('scopes', setGrid)} error={errors.scopes} count={scopes.length} />
      <SelectField
        id="unit_id"
        label={t('integrations.unit')}
        hint={t('integrations.keys.unitHint')}
        value={unitId}
        onChange={setUnitId}
        error={errors.unit_id}
        empty={t('integrations.allUnits')}
        options={(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
      />
      <TextField
        id="expires_at"
        type="date"
        label={t('integrations.keys.expiresAt')}
        hint={t('integrations.keys.expiresHint')}
        value={expiry}
        onChange={edit('expires_at', setExpiry)}
        min={todayInVietnam()}
        error={errors.expires_at}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('integrations.keys.create')}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { optionalId } from '../../lib/form';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useUnitOptions } from '../../lib/queries/units';
import { useWebhookEvents } from './api/integrations';
import { isInsecureUrl, subscribableEvents, toggleEvent, urlProblem } from './events';
import type { Webhook, WebhookEvent } from './types';

export const WEBHOOK_FIELDS = ['name', 'url', 'events', 'unit_id', 'is_active'] as const;

export interface WebhookFormValues {
  name: string;
  url: string;
  events: WebhookEvent[];
  /** create only (a subscription's unit does not change) */
  unit_id: number | null;
  /** edit only */
  is_active: boolean;
}

type LocalErrors = Partial<Record<(typeof WEBHOOK_FIELDS)[number], string>>;

export function WebhookForm({
  initial,
  error,
  busy,
  submitLabel,
  onSubmit,
}: {
  initial?: Webhook;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: WebhookFormValues) => void;
}) {
  const { t } = useTranslation();
  const catalogue = useWebhookEvents();
  const units = useUnitOptions();
  const [name, setName] = useState(initial?.name ?? '');
  const [url, setUrl] = useState(initial?.url ?? '');
  const [events, setEvents] = useState<string[]>(initial?.events ?? []);
  const [unitId, setUnitId] = useState('');
  const [active, setActive] = useState(initial?.is_active ?? true);
  const [local, setLocal] = useState<LocalErrors>({});
  const server = error instanceof ApiError ? fieldErrors(error.problem) : {};
  const errors: LocalErrors = { ...server, ...local };
  const offered = subscribableEvents(catalogue.data ?? []);
  // events already on the subscription but no longer offered stay visible so they can be removed
  const shown = [
    ...offered.map((e) => ({ event: e.event, label: e.label })),
    ...events.filter((e) => !offered.some((o) => o.event === e)).map((e) => ({ event: e, label: e })),
  ];

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
    const found: LocalErrors = {};
    if (!name.trim()) found.name = t('integrations.webhooks.errors.name');
    const problem = urlProblem(url);
    if (problem) found.url = t(`integrations.webhooks.errors.url.${problem}`);
    if (events.length === 0) found.events = t('integrations.webhooks.errors.events');
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({
      name: name.trim(),
      url: url.trim(),
      // the server checks the names against its catalogue (422 with the path of a bad one)
      events: events as WebhookEvent[],
      unit_id: optionalId(unitId),
      is_active: active,
    });
  }

  return (
    <form className="form form-wide" onSubmit={submit} noValidate>
      <ErrorBanner error={error} fields={WEBHOOK_FIELDS} />
      <TextField
        id="name"
        label={t('integrations.webhooks.name')}
        value={name}
        onChange={edit('name', setName)}
        error={errors.name}
        maxLength={120}
        autoComplete="off"
        required
      />
      <TextField
        id="url"
        type="url"
        inputMode="url"
        label={t('integrations.webhooks.url')}
        hint={isInsecureUrl(url) ? t('integrations.webhooks.urlInsecure') : t('integrations.webhooks.urlHint')}
        placeholder="https://"
        value={url}
        onChange={edit('url', setUrl)}
        error={errors.url}
        maxLength={2000}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <fieldset className="field" aria-describedby={errors.events ? 'events-hint events-error' : 'events-hint'}>
        <legend>{t('integrations.webhooks.events')}</legend>
        <p className="field-hint" id="events-hint">
          {t('integrations.webhooks.eventsHint')}
        </p>
        <ErrorBanner error={catalogue.error} />
        {catalogue.isPending ? (
          <Loading />
        ) : (
          <div className="checks">
            {shown.map((ev) => (
              <div className="field-check" key={ev.event}>
                <input
                  id={`event-${ev.event}`}
                  type="checkbox"
                  value={ev.event}
                  checked={events.includes(ev.event)}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setEvents((s) => toggleEvent(s, ev.event, on, offered));
                    clear('events');
                  }}
                />
                <label htmlFor={`event-${ev.event}`}>
                  {ev.label} <code className="muted event-code">{ev.event}</code>
                </label>
              </div>
            ))}
          </div>
        )}
        {errors.events && (
          <p className="field-error" id="events-error">
            {errors.events}
          </p>
        )}
      </fieldset>
      {!initial && (
        <SelectField
          id="unit_id"
          label={t('integrations.webhooks.unit')}
          hint={t('integrations.webhooks.unitHint')}
          value={unitId}
          onChange={setUnitId}
          error={errors.unit_id}
          empty={t('integrations.allUnits')}
          options={(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
        />
      )}
      {initial && (
        <>
          <CheckboxField id="is_active" label={t('integrations.webhooks.isActive')} checked={active} onChange={setActive} />
          {errors.is_active && <p className="field-error">{errors.is_active}</p>}
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

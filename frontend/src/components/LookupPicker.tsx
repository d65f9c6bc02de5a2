import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLookup, useLookupNames, type LookupList } from '../lib/queries/lookups';
import { ErrorBanner } from './ErrorBanner';

const LIMIT = 20;

interface Props {
  id: string;
  label: string;
  list: LookupList;
  /** Extra filters of the look-up (a role, a unit kind, only units in reach). */
  filters?: Record<string, string | number | boolean | undefined>;
  selected: readonly number[];
  onChange: (ids: number[]) => void;
  /** One choice (a radio list) instead of several. */
  single?: boolean;
  error?: string;
  hint?: string;
}

/** A searchable list of names the caller may read (GET /lookups/...): one types part of a name and
 * ticks it; what is chosen stays listed by name above the search, each with a button to remove it. */
export function LookupPicker({ id, label, list, filters = {}, selected, onChange, single, error, hint }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDeferredValue(q.trim());
  const results = useLookup(list, { ...filters, q: search || undefined, limit: LIMIT } as never);
  const names = useLookupNames(list, selected);
  const items = results.data ?? [];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  function set(itemId: number, on: boolean) {
    if (single) return onChange(on ? [itemId] : []);
    onChange(on ? (selected.includes(itemId) ? [...selected] : [...selected, itemId]) : selected.filter((x) => x !== itemId));
  }

  return (
    <fieldset className="field picker" id={id} aria-describedby={described} aria-invalid={error ? true : undefined}>
      <legend>{label}</legend>
      <div className="picker-chosen" aria-live="polite">
        <span className="muted">{t('picker.chosen')}: </span>
        {selected.length === 0 && <span className="muted">{t('picker.noneChosen')}</span>}
        {selected.map((sid) => {
          const name = names.get(sid) ?? items.find((i) => i.id === sid)?.label ?? '…';
          return (
            <span key={sid} className="chip">
              {name}{' '}
              <button type="button" className="chip-remove" aria-label={t('picker.remove', { name })} onClick={() => set(sid, false)}>
                ×
              </button>
            </span>
          );
        })}
      </div>
      <label htmlFor={`${id}-search`}>{t('picker.search')}</label>
      <input id={`${id}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      <ErrorBanner error={results.error} />
      <div className="checks picker-results" role="group" aria-label={label}>
        {items.map((i) => (
          <label key={i.id} className="check">
            <input
              type={single ? 'radio' : 'checkbox'}
              name={`${id}-choice`}
              checked={selected.includes(i.id)}
              onChange={(e) => set(i.id, e.target.checked)}
            />{' '}
            {i.label} {i.detail && <span className="muted">({i.detail})</span>}
          </label>
        ))}
      </div>
      {results.isSuccess && items.length === 0 && <p className="muted">{t('picker.noMatch')}</p>}
      {items.length === LIMIT && <p className="field-hint">{t('picker.more')}</p>}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

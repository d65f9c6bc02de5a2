import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useUpdateWindow, useWindows, type EvaluationWindow } from './api/windows';

function WindowRow({ window }: { window: EvaluationWindow }) {
  const { t } = useTranslation();
  const update = useUpdateWindow();
  const [start, setStart] = useState(window.starts_on);
  const [end, setEnd] = useState(window.ends_on);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = `window-${window.school_year}`;
  const canEdit = window.allowed_actions.includes('update');

  function save() {
    setSaved(false);
    if (!start || !end) return setError(t('closing.datesRequired'));
    if (end < start) return setError(t('closing.endBeforeStart'));
    setError(null);
    update.mutate(
      { window, starts_on: start, ends_on: end },
      {
        onSuccess: () => setSaved(true),
        onError: (e) => {
          const field = e instanceof ApiError ? e.problem.errors?.find((x) => x.path.startsWith('body.')) : undefined;
          setError(field ? field.message : errorMessage(e, t));
        },
      },
    );
  }

  return (
    <li aria-labelledby={`${id}-year`}>
      <strong id={`${id}-year`}>
        {t('fields.schoolYear')} {window.school_year}
      </strong>
      {canEdit ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-start`}>{t('closing.startsOn')}</label>
            <input id={`${id}-start`} type="date" value={start} onChange={(e) => setStart(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-end`}>{t('closing.endsOn')}</label>
            <input
              id={`${id}-end`}
              type="date"
              value={end}
              onChange={(e) => setEnd(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <button type="button" onClick={save} disabled={update.isPending}>
            {t('common.save')}
          </button>
        </>
      ) : (
        <span>
          {formatDate(window.starts_on)} – {formatDate(window.ends_on)}
        </span>
      )}
      {window.is_default && <span className="badge badge-off">{t('closing.default')}</span>}
      {window.is_open && <span className="badge badge-ok">{t('closing.open')}</span>}
      {saved && (
        <span className="muted" role="status">
          {t('closing.saved')}
        </span>
      )}
      {error && <p className="field-error">{error}</p>}
    </li>
  );
}

/** The evaluation window of each school year of a movement: verification is allowed inside it. */
export function EvaluationWindows({ movementId }: { movementId: number }) {
  const { t } = useTranslation();
  const query = useWindows(movementId);
  return (
    <section aria-labelledby="windows-title">
      <h2 id="windows-title">{t('closing.title')}</h2>
      <p className="muted">{t('closing.intro')}</p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      <ul className="window-list">
        {query.data?.items.map((w) => (
          <WindowRow key={`${w.school_year}-${w.version}`} window={w} />
        ))}
      </ul>
    </section>
  );
}

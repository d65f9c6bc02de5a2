import { useTranslation } from 'react-i18next';
import { ApiError, unmatchedFieldErrors } from '../api/problem';
import { errorMessage } from '../lib/errors';

/** General error of a request; `fields` are the form's field names (their errors are shown next to the fields). */
export function ErrorBanner({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const extra = error instanceof ApiError ? unmatchedFieldErrors(error.problem, fields) : [];
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(error, t)}</p>
      {extra.length > 0 && (
        <ul>
          {extra.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

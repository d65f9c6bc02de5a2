import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, fieldProblems } from '../api/problem';
import { errorMessage } from '../lib/errors';

/** The element of the form that holds a field: the API's name is the form's id (or name). */
function fieldElement(field: string): HTMLElement | null {
  if (typeof document === 'undefined') return null;
  return document.getElementById(field) ?? document.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`);
}

/** The words a person sees for a field: the form's own label, else the shared dictionary, never the
 * API's name of it. */
export function fieldLabel(field: string, t: TFunction): string {
  const el = fieldElement(field);
  const own =
    el instanceof HTMLFieldSetElement
      ? el.querySelector('legend')?.textContent
      : ((el as HTMLInputElement | null)?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label'));
  if (own?.trim()) return own.trim().replace(/\s*\*$/, '');
  return t(`apiFields.${field}`, { defaultValue: t('errors.otherField') });
}

function focusField(e: MouseEvent, field: string) {
  const el = fieldElement(field);
  if (!el) return;
  e.preventDefault();
  el.scrollIntoView({ block: 'center' });
  const focusable = el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('input, select, textarea');
  focusable?.focus();
}

/** General error of a request. A refused form (422 with field errors) gets a summary: each field by
 * its label, linking to the field (whose own message sits next to it), each message once. */
export function ErrorBanner({ error }: { error: unknown; /** no longer read: every field is summarised */ fields?: readonly string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problems = error instanceof ApiError ? fieldProblems(error.problem) : [];
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(error, t)}</p>
      {problems.length > 0 && (
        <ul className="error-summary">
          {problems.map(({ field, message }) => (
            <li key={field}>
              <a href={`#${field}`} onClick={(e) => focusField(e, field)}>
                {fieldLabel(field, t)}
              </a>
              : {message}
            </li>
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

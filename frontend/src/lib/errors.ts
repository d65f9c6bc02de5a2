import type { TFunction } from 'i18next';
import { ApiError, fieldProblems } from '../api/problem';

/** Human readable (already translated) message for any error thrown by the API layer. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 0:
        return t('errors.network');
      case 412:
        return t('errors.conflict');
      case 429:
        return error.retryAfter
          ? t('errors.throttledFor', { seconds: error.retryAfter })
          : t('errors.throttled');
    }
    // A refused form: the summary below lists each field by its label; the API's own sentence
    // names fields as the API does and points at its `errors`.
    const fields = fieldProblems(error.problem).length;
    if (error.status === 422 && fields > 0) return t('errors.invalidFields', { count: fields });
    if (error.problem.detail) return error.problem.detail;
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.notFound');
    return error.problem.title || t('errors.generic');
  }
  return t('errors.generic');
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}

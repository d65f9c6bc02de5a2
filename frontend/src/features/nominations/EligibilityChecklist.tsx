import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import type { EligibilityResult } from './types';
import { summarise } from './nomination';
import './nominations.css';

/**
 * The eligibility engine's answer: the overall verdict, then every rule with ✓ / ✗ and its
 * Vietnamese reason (as written by the server).
 */
export function EligibilityChecklist({
  result,
  checking = false,
  showEvaluatedAt = false,
}: {
  result: EligibilityResult;
  checking?: boolean;
  showEvaluatedAt?: boolean;
}) {
  const { t } = useTranslation();
  const s = summarise(result);
  return (
    <div className="eligibility" aria-busy={checking || undefined}>
      <p className={s.eligible ? 'eligibility-overall eligibility-ok' : 'eligibility-overall eligibility-fail'} aria-live="polite">
        <span aria-hidden="true">{s.eligible ? '✓' : '✗'}</span>{' '}
        <strong>{s.eligible ? t('nominations.eligible') : t('nominations.notEligible')}</strong>
        {s.total > 0 && (
          <span className="muted"> · {t('nominations.rulesPassed', { passed: s.passed, total: s.total })}</span>
        )}
      </p>
      <ul className="checklist" aria-label={t('nominations.checklist')}>
        {s.total === 0 && <li className="muted">{t('nominations.noRules')}</li>}
        {result.outcomes.map((o) => (
          <li key={o.index} className={o.passed ? 'rule-pass' : 'rule-fail'}>
            <span className="rule-mark" aria-hidden="true">
              {o.passed ? '✓' : '✗'}
            </span>
            <span>
              <span className="visually-hidden">{o.passed ? t('nominations.rulePassed') : t('nominations.ruleFailed')}: </span>
              {o.reason}
            </span>
          </li>
        ))}
      </ul>
      {checking && (
        <p className="muted" role="status">
          {t('nominations.checking')}
        </p>
      )}
      {showEvaluatedAt && result.evaluated_at && (
        <p className="muted">{t('nominations.evaluatedAt', { at: formatDateTime(result.evaluated_at) })}</p>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { Score } from '../api/types';
import { formatNumber } from '../lib/indicators';

/** The server's score of an assessment (never computed in the browser). */
export function ScorePanel({ score, showVerified }: { score: Score; showVerified: boolean }) {
  const { t } = useTranslation();
  const gap = Number(score.gap);
  return (
    <aside className="score-panel" aria-label={t('score.title')} aria-live="polite">
      <h2>{t('score.title')}</h2>
      <dl>
        <div>
          <dt>{t('score.selfTotal')}</dt>
          <dd className="score-big" data-testid="self-total">
            {formatNumber(score.self_total)} / {formatNumber(score.max_total)}
          </dd>
        </div>
        {showVerified && (
          <>
            <div>
              <dt>{t('score.verifiedTotal')}</dt>
              <dd className="score-big" data-testid="verified-total">
                {formatNumber(score.verified_total)} / {formatNumber(score.max_total)}
              </dd>
            </div>
            <div>
              <dt>{t('score.gap')}</dt>
              <dd data-testid="gap" className={gap > 0 ? 'gap-positive' : undefined}>
                {formatNumber(score.gap)}
              </dd>
            </div>
          </>
        )}
        <div>
          <dt>{t('score.completion')}</dt>
          <dd>{formatNumber(showVerified ? score.completion_percent : score.self_completion_percent)} %</dd>
        </div>
        <div>
          <dt>{t('score.classification')}</dt>
          <dd>
            <span className={`badge class-${score.classification_code}`}>{score.classification_label}</span>
          </dd>
        </div>
        <div>
          <dt>{t('score.dataCompleteness')}</dt>
          <dd>{formatNumber(score.data_completeness_percent)} %</dd>
        </div>
        <div>
          <dt>{t('score.failedGates')}</dt>
          <dd>{score.failed_gates.length ? score.failed_gates.join(', ') : t('common.none')}</dd>
        </div>
      </dl>
      {score.frozen && <p className="muted">{t('score.frozen')}</p>}
    </aside>
  );
}

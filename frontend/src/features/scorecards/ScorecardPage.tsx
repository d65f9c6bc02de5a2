import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IndicatorBreakdown } from '../../api/types';
import { useMe } from '../../lib/auth';
import { formatNumber } from '../../lib/indicators';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { DataTable, type Column } from '../../components/DataTable';
import { AssessmentStatusBadge } from '../../components/AssessmentStatusBadge';
import { displayValue } from '../../components/IndicatorInput';
import { useScorecard } from './api/scorecards';
import { useDtiLinked } from '../../lib/queries/dti';
import { DtiLevels } from '../../components/DtiLevels';
import { pointsLost } from './scorecard';
import { HistoryChart } from './HistoryChart';

/** Kết quả của đơn vị: the breakdown of one assessment, where points were lost and failed gates. */
export function ScorecardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const query = useScorecard(id);
  const s = query.data;
  const linked = useDtiLinked(s?.assessment_id, !!s && s.subject_kind === 'unit' && me.permissions.includes('dti:read'));
  const fromDti = new Set((linked.data?.indicators ?? []).filter((i) => i.value != null).map((i) => i.indicator_code));

  const value = (i: IndicatorBreakdown, v: string | null) =>
    displayValue(i, v, t);

  const lostColumns: Column<IndicatorBreakdown>[] = [
    { key: 'code', label: t('fields.code'), render: (i) => i.code },
    {
      key: 'name',
      label: t('frameworks.indicator'),
      render: (i) => (
        <>
          {i.name}
          {fromDti.has(i.code) && <span className="badge dti-from"> {t('dti.fromIndex')}</span>}
        </>
      ),
    },
    { key: 'value', label: t('scorecards.effectiveValue'), render: (i) => value(i, i.effective_value) },
    { key: 'points', label: t('frameworks.points'), className: 'col-num', render: (i) => `${formatNumber(i.verified_points)} / ${formatNumber(i.max_points)}` },
    { key: 'lost', label: t('scorecards.lostPoints'), className: 'col-num col-lost', render: (i) => formatNumber(i.lost_points) },
    {
      key: 'flags',
      label: t('frameworks.flags'),
      render: (i) => (
        <>
          {i.gate_failed && <span className="badge badge-warn">{t('scorecards.gateFailed')}</span>}{' '}
          {!s?.frozen && i.kind === 'computed' && (
            <>
              <span className="badge badge-off" title={t('closing.provisionalHint')}>
                {t('closing.provisional')}
              </span>{' '}
            </>
          )}
          {t('scorecards.evidenceCount', { count: i.evidence_count })}
        </>
      ),
    },
  ];

  return (
    <section>
      <p>
        <Link to={me.permissions.includes('scorecards:read') ? '/scorecards' : '/assessments'}>← {t('scorecards.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {s && (
        <>
          <div className="page-head">
            <div>
              <h1>
                {t(s.subject_kind === 'individual' ? 'ux.results.individual' : 'scorecards.unitResult')}: {s.subject_name}
              </h1>
              <p className="muted">
                {s.framework_code} ({t('frameworks.versionN', { n: s.framework_version })}) · {t('fields.schoolYear')} {s.school_year} ·{' '}
                <AssessmentStatusBadge status={s.status} />
              </p>
            </div>
            {me.permissions.includes('assessments:read') && <Link to={`/assessments/${s.assessment_id}`}>{t('scorecards.openAssessment')}</Link>}
          </div>
          {!s.frozen && s.indicators.some((i) => i.kind === 'computed') && (
            <p className="muted">{t('closing.provisionalCard')}</p>
          )}
          <dl className="details score-details">
            <dt>{t('score.selfTotal')}</dt>
            <dd>
              {formatNumber(s.self_total)} / {formatNumber(s.max_total)}
            </dd>
            <dt>{t('score.verifiedTotal')}</dt>
            <dd>
              {formatNumber(s.verified_total)} / {formatNumber(s.max_total)}
            </dd>
            <dt>{t('score.gap')}</dt>
            <dd>{formatNumber(s.gap)}</dd>
            <dt>{t('score.completion')}</dt>
            <dd>{formatNumber(s.completion_percent)} %</dd>
            {linked.data && (
              <>
                <dt>{t('dti.levelTitle')}</dt>
                <dd data-testid="scorecard-dti">
                  <DtiLevels groups={linked.data.groups} />
                </dd>
              </>
            )}
            <dt>{t('score.classification')}</dt>
            <dd>
              <span className={`badge class-${s.classification_code}`}>{s.classification_label}</span>
            </dd>
            <dt>{t('score.dataCompleteness')}</dt>
            <dd>{formatNumber(s.data_completeness_percent)} %</dd>
            <dt>{t('score.failedGates')}</dt>
            <dd>
              {s.failed_gates.length
                ? s.failed_gates
                    .map((code) => {
                      const ind = s.indicators.find((i) => i.code === code);
                      return ind ? `${code} – ${ind.name}` : code;
                    })
                    .join('; ')
                : t('common.none')}
            </dd>
          </dl>

          <HistoryChart assessmentId={s.assessment_id} subjectName={s.subject_name} />

          <h2>{t('scorecards.byCriterion')}</h2>
          <ul className="bars criteria-bars">
            {s.criteria.map((c) => (
              <li key={c.code}>
                <span className="bar-label" title={c.name}>
                  <strong>{c.code}</strong> {c.name}
                </span>
                <span className="bar-track">
                  <span className="bar-fill" style={{ width: `${Math.min(100, Number(c.completion_percent))}%` }} />
                </span>
                <span className="bar-value">
                  {formatNumber(c.verified_points)} / {formatNumber(c.max_points)} ({formatNumber(c.completion_percent)} %)
                </span>
              </li>
            ))}
          </ul>

          <h2>{t('scorecards.whereLost')}</h2>
          <DataTable columns={lostColumns} rows={pointsLost(s.indicators)} rowKey={(i) => i.code} className="lost-table" />
        </>
      )}
    </section>
  );
}

import { type CSSProperties } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SCHOOL_LEVELS, type Aggregates, type RankedScorecard, type SchoolLevel } from '../../api/types';
import { formatNumber, heatColour, HEAT_PALETTE } from '../../lib/indicators';
import { useListParams } from '../../lib/useListParams';
import { SelectField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { DataTable, type Column } from '../../components/DataTable';
import { Pagination } from '../../components/Pagination';
import { SelectFilter } from '../../components/ListFilters';
import { useFramework, useFrameworkOptions, useMovements } from '../../lib/queries/frameworks';
import { AssessmentStatusBadge } from '../../components/AssessmentStatusBadge';
import { startExport, useAggregates, useRanking } from './api/scorecards';
import { byUnit, useDtiResults } from '../../lib/queries/dti';
import { useMe } from '../../lib/auth';
import { DtiLevels } from '../../components/DtiLevels';
import { GeneratedFileButton } from '../../components/GeneratedFileButton';
import { barWidths, percentValue } from './scorecard';

/**
 * Units × criteria completion: a CSS grid (ARIA table semantics), the colour band plus the number
 * in every cell, and a legend; each cell's accessible name says unit, criterion and value.
 */
function Heatmap({ data }: { data: Aggregates }) {
  const { t } = useTranslation();
  if (data.rows.length === 0) return <p className="muted">{t('common.empty')}</p>;
  const style = { '--cols': data.criteria.length } as CSSProperties;
  return (
    <>
      <div className="heatmap-scroll">
        <div className="heatmap" role="table" aria-label={t('scorecards.heatmapCaption')} style={style}>
          <div className="heatmap-row heatmap-head" role="row">
            <span role="columnheader">{t('scorecards.subject')}</span>
            {data.criteria.map((c) => (
              <span key={c.code} role="columnheader" title={c.name}>
                {c.code}
              </span>
            ))}
          </div>
          {data.rows.map((r) => (
            <div key={r.assessment_id} className="heatmap-row" role="row">
              <span role="rowheader" className="heatmap-subject">
                <Link to={`/scorecards/${r.assessment_id}`}>{r.subject_name}</Link>
              </span>
              {data.criteria.map((c) => {
                const p = percentValue(r.completion_by_criterion[c.code]);
                const colour = heatColour(p);
                return (
                  <span
                    key={c.code}
                    role="cell"
                    className="heatmap-cell"
                    style={{ background: colour.background, color: colour.color }}
                    aria-label={t('scorecards.heatCell', {
                      subject: r.subject_name,
                      criterion: c.code,
                      value: p == null ? t('indicator.noData') : `${formatNumber(p)} %`,
                    })}
                  >
                    {p == null ? '–' : formatNumber(p)}
                  </span>
                );
              })}
            </div>
          ))}
        </div>
      </div>
      <ul className="heat-legend" aria-label={t('scorecards.legend')}>
        {['< 25 %', '25–49 %', '50–69 %', '70–89 %', '≥ 90 %'].map((label, i) => (
          <li key={label}>
            <span className="swatch" style={{ background: HEAT_PALETTE[i]!.background }} aria-hidden="true" /> {label}
          </li>
        ))}
      </ul>
    </>
  );
}

function Distribution({ data }: { data: Aggregates }) {
  const { t } = useTranslation();
  const widths = barWidths(data.classification_distribution.map((d) => d.count));
  return (
    <ul className="bars" aria-label={t('scorecards.distribution')}>
      {data.classification_distribution.map((d, i) => (
        <li key={d.code}>
          <span className="bar-label">{d.label}</span>
          <span className="bar-track">
            <span className={`bar-fill class-${d.code}`} style={{ width: `${widths[i]}%` }} />
          </span>
          <span className="bar-value">{d.count}</span>
        </li>
      ))}
    </ul>
  );
}

export function RankingPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const frameworks = useFrameworkOptions();
  const movements = useMovements();

  const me = useMe();
  // A teacher reads their own results, not the school's (issue 18.8): only the individual scorecards.
  const teacher = me.roles.length > 0 && me.roles.every((r) => r === 'staff');
  const options = (frameworks.data ?? []).filter((f) => f.status !== 'draft' && (!teacher || f.subject_kind === 'individual'));
  const defaultFramework =
    options.find((f) => f.status === 'active' && f.subject_kind === (teacher ? 'individual' : 'unit')) ?? options[0];
  const frameworkId = Number(p.get('framework_id')) || defaultFramework?.id;
  const chosen = options.find((f) => f.id === frameworkId);
  const movement = movements.data?.find((m) => m.id === chosen?.movement_id) ?? movements.data?.[0];
  const years = movement?.school_years ?? [];
  const schoolYear = p.get('school_year') || years[0];
  const framework = useFramework(frameworkId);
  const base = frameworkId && schoolYear ? { framework_id: frameworkId, school_year: schoolYear } : null;
  const ranking = useRanking(
    base && {
      ...base,
      unit_kind: SCHOOL_LEVELS.find((l): l is SchoolLevel => l === p.get('unit_kind')),
      classification: p.get('classification') || undefined,
      limit: p.limit,
      offset: p.offset,
    },
  );
  // The heatmap shows the ranking's page (in ranking order); the figures cover every subject.
  const aggregates = useAggregates(base && { ...base, limit: p.limit, offset: p.offset });
  const showDti = chosen?.subject_kind === 'unit' && me.permissions.includes('dti:read');
  const dti = useDtiResults({ school_year: schoolYear }, !!schoolYear && showDti);
  const dtiByUnit = byUnit(dti.data?.items);

  const columns: Column<RankedScorecard>[] = [
    { key: 'rank', label: t('scorecards.rank'), className: 'col-rank', render: (r) => r.rank },
    { key: 'subject', label: t('scorecards.subject'), render: (r) => <Link to={`/scorecards/${r.assessment_id}`}>{r.subject_name}</Link> },
    { key: 'unit', label: t('fields.unit'), render: (r) => r.unit_name },
    { key: 'status', label: t('fields.status'), render: (r) => <AssessmentStatusBadge status={r.status} /> },
    { key: 'self', label: t('score.selfTotal'), className: 'col-num', render: (r) => formatNumber(r.self_total) },
    { key: 'verified', label: t('score.verifiedTotal'), className: 'col-num', render: (r) => formatNumber(r.verified_total) },
    { key: 'gap', label: t('score.gap'), className: 'col-num col-gap', render: (r) => formatNumber(r.gap) },
    { key: 'completion', label: t('score.completion'), className: 'col-num', render: (r) => `${formatNumber(r.completion_percent)} %` },
    {
      key: 'class',
      label: t('score.classification'),
      render: (r) => (
        <>
          <span className={`badge class-${r.classification_code}`}>{r.classification_label}</span>
          {/* A framework-wide re-score has not reached this row yet: its figures are the previous ones. */}
          {r.recomputing && <span className="badge muted"> {t('scorecards.recomputing')}</span>}
        </>
      ),
    },
    { key: 'gates', label: t('score.failedGates'), render: (r) => (r.failed_gates.length ? r.failed_gates.join(', ') : t('common.none')) },
    ...(showDti
      ? [{ key: 'dti', label: t('dti.levelShort'), render: (r: RankedScorecard) => <DtiLevels groups={dtiByUnit.get(r.unit_id)?.groups} compact /> }]
      : []),
  ];

  return (
    <section>
      <div className="page-head">
        <h1>{t('scorecards.title')}</h1>
        <GeneratedFileButton
          key={base ? `${base.framework_id}-${base.school_year}` : 'none'}
          label={t('scorecards.export')}
          disabled={!base}
          start={() => startExport(base!.framework_id, base!.school_year)}
        />
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="framework_id"
          label={t('assessments.framework')}
          value={frameworkId ? String(frameworkId) : ''}
          onChange={(v) => p.set('framework_id', v)}
          options={options.map((f) => ({ value: String(f.id), label: `${f.code} (${t('frameworks.versionN', { n: f.version_number })}) – ${f.name}` }))}
        />
        <SelectField
          id="school_year"
          label={t('fields.schoolYear')}
          value={schoolYear ?? ''}
          onChange={(v) => p.set('school_year', v)}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <SelectFilter p={p} name="unit_kind" label={t('fields.schoolLevel')} options={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`schoolLevels.${l}`) }))} />
        <SelectFilter
          p={p}
          name="classification"
          label={t('score.classification')}
          options={(framework.data?.classification ?? []).map((c) => ({ value: c.code, label: c.label }))}
        />
      </form>
      <ErrorBanner error={frameworks.error ?? ranking.error} />

      {aggregates.data && (
        <ul className="cards summary-cards">
          <li className="card">
            <div>
              <span className="card-count">{aggregates.data.subject_count}</span>
              <span className="card-label">{t('scorecards.subjectCount')}</span>
            </div>
          </li>
          <li className="card">
            <div>
              <span className="card-count">{formatNumber(aggregates.data.average_completion_percent)} %</span>
              <span className="card-label">{t('scorecards.averageCompletion')}</span>
            </div>
          </li>
          <li className="card">
            <div>
              <span className="card-count" data-testid="average-gap">
                {formatNumber(aggregates.data.average_gap)}
              </span>
              <span className="card-label">{t('scorecards.averageGap')}</span>
            </div>
          </li>
        </ul>
      )}

      <h2>{t('scorecards.ranking')}</h2>
      {ranking.isPending && base ? (
        <Loading />
      ) : ranking.data ? (
        <>
          <DataTable
            columns={columns}
            rows={ranking.data.items}
            rowKey={(r) => r.assessment_id}
            className="ranking"
            caption={t('scorecards.ranking')}
            empty={{ message: t('demo.empty.ranking') }}
          />
          {ranking.data.total > ranking.data.limit && (
            <Pagination offset={p.offset} limit={p.limit} total={ranking.data.total} onChange={p.setOffset} />
          )}
        </>
      ) : null}

      {aggregates.data && (
        <div className="dashboard-grid">
          <section aria-labelledby="heatmap-title">
            <h2 id="heatmap-title">{t('scorecards.heatmap')}</h2>
            <Heatmap data={aggregates.data} />
            {aggregates.data.subject_count > aggregates.data.rows.length && aggregates.data.rows.length > 0 && (
              <p className="muted">
                {t('scorecards.heatmapPage', {
                  from: aggregates.data.offset + 1,
                  to: aggregates.data.offset + aggregates.data.rows.length,
                  total: aggregates.data.subject_count,
                })}
              </p>
            )}
            <ul className="plain criteria-legend">
              {aggregates.data.criteria.map((c) => (
                <li key={c.code}>
                  <strong>{c.code}</strong>: {c.name}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="distribution-title">
            <h2 id="distribution-title">{t('scorecards.distribution')}</h2>
            <Distribution data={aggregates.data} />
            <h2>{t('scorecards.contentAreas')}</h2>
            <ul className="bars">
              {aggregates.data.content_areas.map((a) => (
                <li key={a.code}>
                  <span className="bar-label" title={a.name}>
                    {a.code} – {a.name}
                  </span>
                  <span className="bar-track">
                    <span className="bar-fill" style={{ width: `${Math.min(100, Number(a.average_completion_percent))}%` }} />
                  </span>
                  <span className="bar-value">{formatNumber(a.average_completion_percent)} %</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </section>
  );
}

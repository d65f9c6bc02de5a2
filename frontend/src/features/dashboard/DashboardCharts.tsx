/**
 * The commune's dashboard in pictures (issue 18.7): results across the years, the classification
 * distribution, completion per content area, plans tracking and report submission over time. Loaded
 * lazily by the dashboard (this module pulls in the chart library); each chart carries its table.
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { useFrameworkOptions, useMovements } from '../../lib/queries/frameworks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ChartFigure } from '../../components/charts/ChartFigure';
import { useAggregates, useRecentRequests, useTracking, useYearOverYear } from './api/charts';
import { latestYear, planCounts, planProgress, reportSubmission } from './charts';

function ScoreCharts() {
  const { t } = useTranslation();
  const frameworks = useFrameworkOptions();
  const options = (frameworks.data ?? []).filter((f) => f.status !== 'draft');
  const framework = options.find((f) => f.status === 'active' && f.subject_kind === 'unit') ?? options.find((f) => f.subject_kind === 'unit');
  const history = useYearOverYear(framework?.code, true);
  const years = history.data?.years ?? [];
  const year = latestYear(years);
  const chosen = years.filter((y) => y.school_year === year).at(-1);
  const aggregates = useAggregates(chosen ? { framework_id: chosen.framework_id, school_year: chosen.school_year } : null);
  if (!framework) return null;
  const a = aggregates.data;
  return (
    <>
      <ErrorBanner error={history.error ?? aggregates.error} />
      <ChartFigure
        id="chart-years"
        title={t('ux.charts.yearsTitle', { framework: framework.code })}
        summary={t('ux.charts.yearsSummary')}
        kind="line"
        categoryLabel={t('fields.schoolYear')}
        unit="%"
        rows={years.map((y) => ({ category: y.school_year, values: { average: Number(y.average_completion_percent), count: y.subject_count } }))}
        series={[{ key: 'average', label: t('ux.charts.communeAverage') }]}
        empty={t('ux.charts.noResults')}
      />
      {a && year && (
        <>
          <ChartFigure
            id="chart-classification"
            title={t('ux.charts.classificationTitle', { year })}
            summary={t('ux.charts.classificationSummary', { count: a.subject_count })}
            kind="bar"
            layout="rows"
            categoryLabel={t('score.classification')}
            rows={a.classification_distribution.map((d) => ({ category: d.label, values: { count: d.count } }))}
            series={[{ key: 'count', label: t('ux.charts.subjects') }]}
          />
          <ChartFigure
            id="chart-areas"
            title={t('ux.charts.areasTitle', { year })}
            summary={t('ux.charts.areasSummary')}
            kind="bar"
            layout="rows"
            unit="%"
            categoryLabel={t('ux.charts.contentArea')}
            rows={a.content_areas.map((c) => ({ category: `${c.code} ${c.name}`, values: { percent: Number(c.average_completion_percent) } }))}
            series={[{ key: 'percent', label: t('ux.charts.averageCompletion'), colour: '#009E73' }]}
          />
          <p>
            <Link to={`/scorecards?framework_id=${chosen?.framework_id}&school_year=${year}`}>{t('ux.charts.openRanking')}</Link>
          </p>
        </>
      )}
    </>
  );
}

function PlanCharts() {
  const { t } = useTranslation();
  const movements = useMovements();
  const tracking = useTracking(movements.data?.[0]?.id, true);
  if (!tracking.data) return <ErrorBanner error={movements.error ?? tracking.error} />;
  const c = planCounts(tracking.data);
  const progress = planProgress(tracking.data);
  return (
    <>
      <ChartFigure
        id="chart-plans"
        title={t('ux.charts.plansTitle')}
        summary={t('ux.charts.plansSummary', { count: c.schools })}
        kind="bar"
        layout="rows"
        categoryLabel={t('ux.charts.planState')}
        rows={[
          { category: t('ux.charts.planReceived'), values: { count: c.received } },
          { category: t('ux.charts.planOnTime'), values: { count: c.onTime } },
          { category: t('ux.charts.planLate'), values: { count: c.late } },
          { category: t('ux.charts.planOverdue'), values: { count: c.overdue } },
          { category: t('ux.charts.planApproved'), values: { count: c.approved } },
        ]}
        series={[{ key: 'count', label: t('ux.charts.schools'), colour: '#0072B2' }]}
      />
      <ChartFigure
        id="chart-progress"
        title={t('ux.charts.progressTitle')}
        summary={t('ux.charts.progressSummary')}
        kind="bar"
        layout="rows"
        unit="%"
        categoryLabel={t('fields.unit')}
        rows={progress.map((p) => ({ category: p.unit, values: { percent: p.percent } }))}
        series={[{ key: 'percent', label: t('plans.progress'), colour: '#E69F00' }]}
        empty={t('ux.charts.noProgress')}
      />
      <p>
        <Link to="/plans/tracking">{t('nav.planTracking')}</Link>
      </p>
    </>
  );
}

function ReportCharts() {
  const { t } = useTranslation();
  const requests = useRecentRequests(true);
  if (!requests.data) return <ErrorBanner error={requests.error} />;
  const rows = reportSubmission(requests.data.items);
  return (
    <>
      <ChartFigure
        id="chart-reports"
        title={t('ux.charts.reportsTitle')}
        summary={t('ux.charts.reportsSummary', { count: rows.length })}
        kind="bar"
        categoryLabel={t('ux.charts.dueDate')}
        rows={rows.map((r) => ({
          category: formatDate(r.dueDate),
          fullCategory: `${formatDate(r.dueDate)} · ${r.title}`,
          values: { onTime: r.onTime, late: r.late, missing: r.missing },
        }))}
        series={[
          { key: 'onTime', label: t('ux.charts.reportOnTime'), colour: '#009E73', stack: 'reports' },
          { key: 'late', label: t('ux.charts.reportLate'), colour: '#E69F00', stack: 'reports' },
          { key: 'missing', label: t('ux.charts.reportMissing'), colour: '#D55E00', stack: 'reports' },
        ]}
        empty={t('ux.charts.noReports')}
      />
      <p>
        <Link to="/report-requests">{t('nav.reports')}</Link>
      </p>
    </>
  );
}

const COMMUNE_ROLES = ['admin', 'commune_officer', 'commune_leader'];

export default function DashboardCharts() {
  const { t } = useTranslation();
  const me = useMe();
  const has = (p: string) => me.permissions.includes(p);
  // The commune's figures: a school's own results are charted on its scorecard, beside the average.
  const communeWide = me.roles.some((r) => COMMUNE_ROLES.includes(r));
  const scores = has('scorecards:read') && communeWide;
  const plans = has('plans:review');
  const reports = has('reports:manage');
  if (!scores && !plans && !reports) return null;
  return (
    <section className="dashboard-charts" aria-labelledby="dashboard-charts-title">
      <h2 id="dashboard-charts-title">{t('ux.charts.title')}</h2>
      <div className="chart-grid">
        {scores && <ScoreCharts />}
        {plans && <PlanCharts />}
        {reports && <ReportCharts />}
      </div>
    </section>
  );
}

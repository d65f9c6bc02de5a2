import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ChartFigure } from '../../components/charts/ChartFigure';
import { useScorecardHistory } from './api/scorecards';

/** The subject's completion in each school year beside the commune's average (issue 18.7). */
export function HistoryChart({ assessmentId, subjectName }: { assessmentId: number; subjectName: string }) {
  const { t } = useTranslation();
  const history = useScorecardHistory(assessmentId, true);
  if (!history.data) return <ErrorBanner error={history.error} />;
  return (
    <ChartFigure
      id="chart-history"
      title={t('ux.charts.historyTitle', { name: subjectName })}
      summary={t('ux.charts.historySummary', { name: subjectName, count: history.data.years.length })}
      kind="line"
      unit="%"
      categoryLabel={t('fields.schoolYear')}
      rows={history.data.years.map((y) => ({
        category: y.school_year,
        values: { own: Number(y.completion_percent), average: Number(y.commune_average_percent) },
      }))}
      series={[
        { key: 'own', label: subjectName },
        { key: 'average', label: t('ux.charts.communeAverage') },
      ]}
      empty={t('ux.charts.noResults')}
    />
  );
}

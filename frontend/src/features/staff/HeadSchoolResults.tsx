import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { steeringKeys } from '../../lib/queryKeys';

function vn(n: string): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(Number(n));
}

/** On a head of school's record: the school's classification for each year, from its stored scores
 * (seed IV.1: the movement's result is part of the head's annual rating). Shown only for heads. */
export function HeadSchoolResults({ staffId }: { staffId: number }) {
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: steeringKeys.headResults(staffId),
    queryFn: () => call(api.GET('/api/v1/staff/{staff_id}/school-results', { params: { path: { staff_id: staffId } } })),
  });
  const data = results.data;
  if (results.error) return <ErrorBanner error={results.error} />;
  if (!data?.is_head) return null;
  return (
    <section aria-labelledby="head-results-title">
      <h2 id="head-results-title">{t('steering.headResults.title')}</h2>
      <p className="muted">
        {data.unit_name}. {t('steering.headResults.hint')}
      </p>
      {data.years.length === 0 ? (
        <p className="muted">{t('steering.headResults.none')}</p>
      ) : (
        <DataTable
          caption={t('steering.headResults.title')}
          rows={data.years}
          rowKey={(y) => y.school_year}
          columns={[
            { key: 'year', label: t('steering.headResults.year'), render: (y) => y.school_year },
            { key: 'class', label: t('steering.headResults.classification'), render: (y) => y.classification_label },
            { key: 'total', label: t('steering.headResults.total'), render: (y) => vn(y.verified_total) },
            { key: 'completion', label: t('steering.headResults.completion'), render: (y) => vn(y.completion_percent) },
            {
              key: 'status',
              label: t('steering.headResults.status'),
              render: (y) => t(`steering.headResults.statuses.${y.status}`, { defaultValue: y.status }),
            },
          ]}
        />
      )}
    </section>
  );
}

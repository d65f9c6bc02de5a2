import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { researchSupportKeys } from '../../lib/queryKeys';

function vn(n: number | string, places = 0): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: places }).format(Number(n));
}

/** The school's research support totals (seed V.4.2) on its page. */
export function ResearchSupportSummary({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const filters = { unit_id: unitId };
  const totals = useQuery({
    queryKey: researchSupportKeys.totals(filters),
    queryFn: () => call(api.GET('/api/v1/research-supports/totals', { params: { query: filters } })),
  });
  const row = totals.data?.items[0];
  return (
    <section className="unit-research" aria-labelledby="unit-research-title">
      <h2 id="unit-research-title">{t('steering.research.unitTitle')}</h2>
      <ErrorBanner error={totals.error} />
      {totals.isSuccess && (
        <p>
          {row
            ? t('steering.research.unitSummary', {
                supports: row.supports,
                initiatives: row.initiatives,
                hours: vn(row.hours, 2),
                money: vn(row.money),
                expertise: row.with_expertise,
              })
            : t('steering.research.unitNone')}{' '}
          <Link to="/research-supports">{t('steering.research.title')}</Link>
        </p>
      )}
    </section>
  );
}

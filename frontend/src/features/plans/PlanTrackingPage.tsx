import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { PlanTrackingTable } from '../../components/PlanTrackingTable';
import { useMe } from '../../lib/auth';
import { useMovements } from '../../lib/queries/frameworks';
import { usePlanTracking } from '../../lib/queries/plans';

export function PlanTrackingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const movements = useMovements();
  const query = usePlanTracking(movements.data?.[0]?.id);
  return (
    <section>
      <h1>{t('plans.tracking')}</h1>
      <ErrorBanner error={movements.error ?? query.error} />
      {query.isPending ? (
        <Loading />
      ) : (
        <PlanTrackingTable
          rows={query.data ?? []}
          empty={{
            message: t('demo.empty.tracking'),
            action: me.permissions.includes('plans:review') ? (
              <Link className="button primary" to="/plans">
                {t('plans.title')}
              </Link>
            ) : undefined,
          }}
        />
      )}
    </section>
  );
}

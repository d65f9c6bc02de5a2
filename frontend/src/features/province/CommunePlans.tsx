import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommuneSummary } from '../../api/types';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField } from '../../components/fields';
import { PlanTrackingTable } from '../../components/PlanTrackingTable';
import { usePlanTracking } from '../../lib/queries/plans';
import { useCommuneMovements } from './api/province';
import { chosenId, planCounts } from './communePlans';

/** "Kế hoạch của các xã": the Department picks a commune (and, when it has several, a movement) and
 * reads its schools' implementation plans: received, submitted, approved, on time. */
export function CommunePlans({ communes }: { communes: readonly CommuneSummary[] }) {
  const { t } = useTranslation();
  const [commune, setCommune] = useState('');
  const [movement, setMovement] = useState('');
  const communeId = chosenId(commune, communes);
  const movements = useCommuneMovements(communeId);
  const movementId = chosenId(movement, movements.data ?? []);
  const tracking = usePlanTracking(movementId);
  const communeName = communes.find((c) => c.id === communeId)?.name ?? '';
  const counts = planCounts(tracking.data ?? []);

  let body;
  if (communeId === undefined) body = <p className="muted">{t('tenancy.noCommunes')}</p>;
  else if (movements.isPending) body = <Loading />;
  else if (movementId === undefined) body = movements.error ? null : <p className="muted">{t('tenancy.noMovement')}</p>;
  else if (tracking.isPending) body = <Loading />;
  else
    body = (
      <>
        {tracking.data && tracking.data.length > 0 && (
          <p className="province-plan-counts" aria-live="polite">
            {t('tenancy.planCounts', { count: counts.schools, approved: counts.approved, submitted: counts.submitted, pending: counts.pending })}
          </p>
        )}
        <PlanTrackingTable
          rows={tracking.data ?? []}
          caption={t('tenancy.plansCaption', { commune: communeName })}
          empty={{ message: t('tenancy.noSchools') }}
        />
      </>
    );

  return (
    <section className="province-plans" aria-labelledby="province-plans-title">
      <h2 id="province-plans-title">{t('tenancy.plansTitle')}</h2>
      <div className="filters province-filters">
        <SelectField
          id="plans_commune"
          label={t('tenancy.plansCommune')}
          value={communeId === undefined ? '' : String(communeId)}
          onChange={(value) => {
            setCommune(value);
            setMovement('');
          }}
          options={communes.map((c) => ({ value: String(c.id), label: c.name }))}
        />
        {(movements.data?.length ?? 0) > 1 && (
          <SelectField
            id="plans_movement"
            label={t('tenancy.plansMovement')}
            value={movementId === undefined ? '' : String(movementId)}
            onChange={setMovement}
            options={(movements.data ?? []).map((m) => ({ value: String(m.id), label: `${m.code}: ${m.title}` }))}
          />
        )}
      </div>
      <ErrorBanner error={movements.error ?? tracking.error} />
      {body}
    </section>
  );
}

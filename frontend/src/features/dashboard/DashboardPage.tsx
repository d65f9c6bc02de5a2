import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useMe } from '../../lib/auth';
import { assessmentsKeys, frameworksKeys, staffKeys, unitsKeys, usersKeys } from '../../lib/queryKeys';
import { useDtiResults } from '../../lib/queries/dti';
import { DtiLevels } from '../../components/DtiLevels';

/** The schools' QĐ 4725 levels of the latest school year with a result, beside the movement's figures. */
function DtiSummary() {
  const { t } = useTranslation();
  const results = useDtiResults({});
  const items = results.data?.items ?? [];
  const year = items[0]?.school_year;
  const latest = items.filter((a) => a.school_year === year);
  if (!year) return null;
  return (
    <section className="dashboard-dti" aria-labelledby="dashboard-dti-title">
      <h2 id="dashboard-dti-title">
        {t('dti.levelTitle')} · {t('fields.schoolYear')} {year}
      </h2>
      <ul className="dti-summary">
        {latest.map((a) => (
          <li key={a.id}>
            <span>{a.unit_name}</span> <DtiLevels groups={a.groups} compact />
          </li>
        ))}
      </ul>
      <Link to={`/dti?school_year=${year}`}>{t('dti.nav')}</Link>
    </section>
  );
}

// The charts bring the chart library: loaded after the dashboard's own figures, in their own chunk.
const DashboardCharts = lazy(() => import('./DashboardCharts'));

function useCount(queryKey: readonly string[], enabled: boolean, fetcher: () => Promise<{ total: number }>) {
  return useQuery({ queryKey, queryFn: fetcher, enabled, select: (d) => d.total });
}

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const has = (p: string) => me.permissions.includes(p);

  const units = useCount(unitsKeys.count(), has('units:read'), () =>
    call(api.GET('/api/v1/units', { params: { query: { limit: 1 } } })),
  );
  const staff = useCount(staffKeys.count(), has('staff:read'), () =>
    call(api.GET('/api/v1/staff', { params: { query: { limit: 1 } } })),
  );
  const users = useCount(usersKeys.count(), has('users:manage'), () =>
    call(api.GET('/api/v1/users', { params: { query: { limit: 1 } } })),
  );

  const assessments = useCount(assessmentsKeys.count(), has('assessments:read'), () =>
    call(api.GET('/api/v1/self-assessments', { params: { query: { limit: 1 } } })),
  );
  const frameworks = useCount(frameworksKeys.count(), has('frameworks:read'), () =>
    call(api.GET('/api/v1/frameworks', { params: { query: { limit: 1 } } })),
  );

  const cards = [
    { show: has('units:read'), to: '/units', label: t('nav.units'), q: units },
    { show: has('staff:read'), to: '/staff', label: t('nav.staff'), q: staff },
    { show: has('users:manage'), to: '/users', label: t('nav.users'), q: users },
    { show: has('assessments:read'), to: '/assessments', label: t('nav.assessments'), q: assessments },
    { show: has('frameworks:read'), to: '/frameworks', label: t('nav.frameworks'), q: frameworks },
  ].filter((c) => c.show);

  return (
    <section>
      <h1>{t('dashboard.welcome', { name: me.full_name })}</h1>
      <dl className="details">
        <dt>{t('fields.login')}</dt>
        <dd>{me.login}</dd>
        <dt>{t('fields.roles')}</dt>
        <dd>{me.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}</dd>
        <dt>{t('fields.unit')}</dt>
        <dd>{me.unit_name ?? t('common.none')}</dd>
      </dl>
      {cards.length > 0 && (
        <ul className="cards">
          {cards.map((c) => (
            <li key={c.to} className="card">
              <Link to={c.to}>
                <span className="card-count">{c.q.data ?? '…'}</span>
                <span className="card-label">{c.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {has('dti:read') && <DtiSummary />}
      <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
        <DashboardCharts />
      </Suspense>
    </section>
  );
}

import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MeContext, useAuth, useMe, useMeQuery } from '../lib/auth';
import { ErrorBanner, Loading } from '../components/ErrorBanner';

/** Renders children only for a signed-in user whose profile is loaded. */
export function RequireAuth() {
  const { token, logout } = useAuth();
  const location = useLocation();
  const me = useMeQuery(!!token);
  const { t } = useTranslation();

  if (!token) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.isPending) return <main className="page-center"><Loading /></main>;
  if (me.isError)
    return (
      <main className="page-center">
        <ErrorBanner error={me.error} />
        <button type="button" onClick={() => void me.refetch()}>{t('common.retry')}</button>{' '}
        <button type="button" onClick={logout}>{t('auth.logout')}</button>
      </main>
    );
  return (
    <MeContext.Provider value={me.data}>
      <Outlet />
    </MeContext.Provider>
  );
}

export function RequirePermission({ permission }: { permission: string }) {
  const me = useMe();
  const { t } = useTranslation();
  if (!me.permissions.includes(permission))
    return (
      <div className="alert alert-error" role="alert">
        {t('errors.forbidden')}
      </div>
    );
  return <Outlet />;
}

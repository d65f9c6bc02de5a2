import { Link, NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../lib/auth';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import './public.css';

const LINKS = [
  { to: '/bang-vang', label: 'honour.nav.board' },
  { to: '/guong-dien-hinh', label: 'honour.nav.stories' },
  { to: '/ket-qua', label: 'honour.nav.results' },
  { to: '/xac-thuc', label: 'honour.nav.verify' },
  { to: '/goc-thong-tin', label: 'communications.publicCorners.nav' },
  { to: '/tieu-chi', label: 'awardFlows.criteria.nav' },
] as const;

/** The public site: no sign-in, a simple header with the public pages and the way in. */
export function PublicLayout() {
  const { t } = useTranslation();
  const { token } = useAuth();
  return (
    <div className="app public">
      <header className="header">
        <div className="header-bar">
          <div className="brand">
            <Link to="/bang-vang" className="brand-title">
              {t('honour.siteTitle')}
            </Link>
            <p className="brand-subtitle">{t('honour.siteSubtitle')}</p>
          </div>
          <LanguageSwitch />
        </div>
        <nav className="public-nav" aria-label={t('honour.nav.label')}>
          <ul>
            {LINKS.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to}>{t(l.label)}</NavLink>
              </li>
            ))}
            <li className="public-nav-login">
              {token ? <Link to="/">{t('honour.nav.workspace')}</Link> : <Link to="/login">{t('honour.nav.login')}</Link>}
            </li>
          </ul>
        </nav>
      </header>
      <main className="content">
        <Outlet />
      </main>
      <footer className="public-footer">
        <p>{t('honour.footer')}</p>
      </footer>
    </div>
  );
}

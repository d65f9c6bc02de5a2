import { Link, NavLink, Outlet, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../lib/auth';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { usePublicCommunes } from './api/public';
import type { PublicCommune } from './types';
import { COMMUNE_PARAM, usePublicCommune, withCommune } from './commune';
import './public.css';

const LINKS = [
  { to: '/bang-vang', label: 'honour.nav.board' },
  { to: '/guong-dien-hinh', label: 'honour.nav.stories' },
  { to: '/ket-qua', label: 'honour.nav.results' },
  { to: '/xac-thuc', label: 'honour.nav.verify' },
  { to: '/goc-thong-tin', label: 'communications.publicCorners.nav' },
  { to: '/tieu-chi', label: 'awardFlows.criteria.nav' },
] as const;

/** A province deployment's visitor reads one commune's pages or all of them; one commune: no picker. */
function CommunePicker({ communes, commune }: { communes: PublicCommune[]; commune: number | undefined }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  return (
    <div className="public-commune">
      <label htmlFor="public-commune">{t('honour.communePicker')}</label>
      <select
        id="public-commune"
        value={commune ?? ''}
        onChange={(e) =>
          // Another commune's rounds, years and pages differ: its filters and paging start afresh.
          setParams(e.target.value ? { [COMMUNE_PARAM]: e.target.value } : {}, { replace: true })
        }
      >
        <option value="">{t('honour.allCommunes')}</option>
        {communes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The public site: no sign-in, a simple header with the public pages and the way in. */
export function PublicLayout() {
  const { t } = useTranslation();
  const { token } = useAuth();
  const commune = usePublicCommune();
  // One commune: its own title and footer; a province: the picked commune's, or all of them.
  const communes = usePublicCommunes().data ?? [];
  const province = communes.length > 1;
  const picked = communes.find((c) => c.id === commune)?.name.replace(/^UBND\s+/, '');
  const title = !province ? t('honour.siteTitle') : picked ? t('honour.siteTitleOf', { commune: picked }) : t('honour.siteTitleAll');
  const footer = !province ? t('honour.footer') : picked ? t('honour.footerOf', { commune: picked }) : t('honour.footerAll');
  return (
    <div className="app public">
      <header className="header">
        <div className="header-bar">
          <div className="brand">
            <Link to={withCommune('/bang-vang', commune)} className="brand-title">
              {title}
            </Link>
            <p className="brand-subtitle">{t('honour.siteSubtitle')}</p>
          </div>
          {province && <CommunePicker communes={communes} commune={commune} />}
          <LanguageSwitch />
        </div>
        <nav className="public-nav" aria-label={t('honour.nav.label')}>
          <ul>
            {LINKS.map((l) => (
              <li key={l.to}>
                <NavLink to={withCommune(l.to, commune)}>{t(l.label)}</NavLink>
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
        <p>{footer}</p>
      </footer>
    </div>
  );
}

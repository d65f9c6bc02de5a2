import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../lib/auth';
import { navItems } from '../features/nav/navigation';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RemindersLink } from '../features/reminders/RemindersLink';

export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  // Close the (mobile) menu after navigating.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the menu state is ours; navigation is the outside event
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const items = navItems(me.permissions);
  const roles = me.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ');

  return (
    <div className="app">
      <header className="header">
        <div className="header-bar">
          <div className="brand">
            <Link to="/" className="brand-title">
              {t('app.title')}
            </Link>
            <p className="brand-subtitle">{t('app.subtitle')}</p>
          </div>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-menu"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {t('nav.menu')}
          </button>
        </div>
        <div id="main-menu" className={menuOpen ? 'menu menu-open' : 'menu'}>
          <nav className="nav" aria-label={t('nav.label')}>
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  {/* exact match when another entry lies below this one (/plans and /plans/tracking) */}
                  <NavLink to={item.to} end={item.to === '/' || items.some((o) => o.to.startsWith(`${item.to}/`))}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="userbox">
            <RemindersLink />
            <Link to="/password" className="user" title={t('auth.changePassword')}>
              <span className="user-name">{me.full_name}</span>
              <span className="user-role">{roles}</span>
            </Link>
            <LanguageSwitch />
            <button type="button" className="secondary" onClick={logout}>
              {t('auth.logout')}
            </button>
          </div>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}

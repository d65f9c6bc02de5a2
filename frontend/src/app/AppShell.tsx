import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../lib/auth';
import { HOME, groupOf, navGroups, type GroupId, type NavItem } from '../features/nav/navigation';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RemindersLink } from '../features/reminders/RemindersLink';

export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  // One group of the menu is open at a time (a drop-down on a wide screen, a fold on a phone).
  const [openGroup, setOpenGroup] = useState<GroupId | null>(null);
  const navRef = useRef<HTMLElement>(null);

  // Close the (mobile) menu and the open group after navigating.
  /* eslint-disable react-hooks/set-state-in-effect -- the menu state is ours; navigation is the outside event */
  useEffect(() => {
    setMenuOpen(false);
    setOpenGroup(null);
  }, [location.pathname]);
  /* eslint-enable react-hooks/set-state-in-effect */

  // Escape or a click outside the menu closes the open group.
  useEffect(() => {
    if (!openGroup) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpenGroup(null);
    };
    const onClick = (e: MouseEvent) => {
      if (navRef.current && !navRef.current.contains(e.target as Node)) setOpenGroup(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [openGroup]);

  const groups = navGroups(me.permissions);
  const items = [HOME, ...groups.flatMap((g) => g.items)];
  const current = groupOf(groups, location.pathname);
  const link = (item: NavItem) => (
    // exact match when another entry lies below this one (/plans and /plans/tracking)
    <NavLink to={item.to} end={item.to === '/' || items.some((o) => o.to.startsWith(`${item.to}/`))}>
      {t(item.label)}
    </NavLink>
  );
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
          <nav className="nav" aria-label={t('nav.label')} ref={navRef}>
            <ul className="nav-groups">
              <li>{link(HOME)}</li>
              {groups.map((g) =>
                // a group of one entry is that entry
                g.items.length === 1 ? (
                  <li key={g.id}>{link(g.items[0]!)}</li>
                ) : (
                  <li key={g.id} className={g.id === current ? 'nav-group nav-group-current' : 'nav-group'}>
                    <button
                      type="button"
                      className="nav-group-button"
                      aria-expanded={openGroup === g.id}
                      aria-controls={`nav-group-${g.id}`}
                      onClick={() => setOpenGroup((o) => (o === g.id ? null : g.id))}
                    >
                      {t(g.label)}
                      {/* the caret is decoration: kept out of the button's name */}
                      <span className="nav-group-caret" aria-hidden="true" />
                    </button>
                    <ul id={`nav-group-${g.id}`} className="nav-group-items" hidden={openGroup !== g.id}>
                      {g.items.map((item) => (
                        <li key={item.to}>{link(item)}</li>
                      ))}
                    </ul>
                  </li>
                ),
              )}
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

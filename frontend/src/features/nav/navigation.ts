export interface NavItem {
  to: string;
  /** i18n key of the label */
  label: string;
}

const ITEMS: { item: NavItem; permission: string | null }[] = [
  { item: { to: '/', label: 'nav.home' }, permission: null },
  { item: { to: '/units', label: 'nav.units' }, permission: 'units:read' },
  { item: { to: '/staff', label: 'nav.staff' }, permission: 'staff:read' },
  { item: { to: '/users', label: 'nav.users' }, permission: 'users:manage' },
  { item: { to: '/assessments', label: 'nav.assessments' }, permission: 'assessments:read' },
  { item: { to: '/scorecards', label: 'nav.scorecards' }, permission: 'scorecards:read' },
  { item: { to: '/activities', label: 'nav.activities' }, permission: 'activities:read' },
  { item: { to: '/inspections', label: 'nav.inspections' }, permission: 'inspections:read' },
  { item: { to: '/plans', label: 'nav.plans' }, permission: 'plans:read' },
  { item: { to: '/plans/tracking', label: 'nav.planTracking' }, permission: 'plans:review' },
  { item: { to: '/report-requests', label: 'nav.reports' }, permission: 'reports:read' },
  { item: { to: '/frameworks', label: 'nav.frameworks' }, permission: 'frameworks:read' },
  { item: { to: '/audit', label: 'nav.audit' }, permission: 'audit:read' },
];

/** Navigation entries for the permissions reported by GET /auth/me. */
export function navItems(permissions: readonly string[]): NavItem[] {
  return ITEMS.filter(({ permission }) => permission === null || permissions.includes(permission)).map(
    ({ item }) => item,
  );
}

export function can(permissions: readonly string[], permission: string): boolean {
  return permissions.includes(permission);
}

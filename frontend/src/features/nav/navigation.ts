export interface NavItem {
  to: string;
  /** i18n key of the label */
  label: string;
}

/** The public honour board: a page of the public site, linked from the signed-in menu too. */
export const PUBLIC_BOARD = '/bang-vang';

const ITEMS: { item: NavItem; permission: string | null }[] = [
  { item: { to: '/', label: 'nav.home' }, permission: null },
  { item: { to: '/units', label: 'nav.units' }, permission: 'units:read' },
  { item: { to: '/staff', label: 'nav.staff' }, permission: 'staff:read' },
  { item: { to: '/users', label: 'nav.users' }, permission: 'users:manage' },
  { item: { to: '/assessments', label: 'nav.assessments' }, permission: 'assessments:read' },
  { item: { to: '/scorecards', label: 'nav.scorecards' }, permission: 'scorecards:read' },
  { item: { to: '/activities', label: 'nav.activities' }, permission: 'activities:read' },
  { item: { to: '/dti', label: 'dti.nav' }, permission: 'dti:read' },
  { item: { to: '/initiatives', label: 'initiatives.nav' }, permission: 'initiatives:read' },
  { item: { to: '/research-supports', label: 'steering.research.nav' }, permission: 'research_support:read' },
  { item: { to: '/inspections', label: 'nav.inspections' }, permission: 'inspections:read' },
  { item: { to: '/steering', label: 'steering.nav' }, permission: 'steering:read' },
  { item: { to: '/inspection-plans', label: 'inspectionPlans.nav' }, permission: 'inspections:read' },
  { item: { to: '/inspection-recommendations', label: 'inspectionFindings.nav' }, permission: 'inspections:read' },
  { item: { to: '/plans', label: 'nav.plans' }, permission: 'plans:read' },
  { item: { to: '/plans/tracking', label: 'nav.planTracking' }, permission: 'plans:review' },
  { item: { to: '/report-requests', label: 'nav.reports' }, permission: 'reports:read' },
  { item: { to: '/awards/types', label: 'awards.nav.types' }, permission: 'award_types:read' },
  { item: { to: '/awards/rounds', label: 'awards.nav.rounds' }, permission: 'award_rounds:read' },
  { item: { to: '/awards/nominations', label: 'nominations.navList' }, permission: 'nominations:read' },
  { item: { to: '/awards/nominations/queue', label: 'nominations.navQueue' }, permission: 'nominations:read' },
  { item: { to: '/awards/council', label: 'awards.nav.council' }, permission: 'council:read' },
  { item: { to: '/awards/decisions', label: 'awards.nav.decisions' }, permission: 'decisions:read' },
  { item: { to: '/awards/cash', label: 'awards.nav.cash' }, permission: 'cash:read' },
  { item: { to: '/budget', label: 'budget.nav' }, permission: 'budget:read' },
  { item: { to: '/budget/partners', label: 'budget.navPartners' }, permission: 'partners:read' },
  { item: { to: '/awards/achievements', label: 'awards.nav.achievements' }, permission: 'achievements:read' },
  { item: { to: '/conduct/ratings', label: 'conduct.navRatings' }, permission: 'conduct:read' },
  { item: { to: '/conduct/flags', label: 'conduct.navFlags' }, permission: 'conduct:read' },
  { item: { to: '/stories', label: 'stories.nav' }, permission: 'stories:read' },
  { item: { to: '/stories/publications', label: 'stories.navPublications' }, permission: 'results:publish' },
  { item: { to: '/communications', label: 'communications.nav' }, permission: 'communications:read' },
  { item: { to: '/story-proposals', label: 'communications.navProposals' }, permission: 'story_proposals:read' },
  { item: { to: '/materials', label: 'communications.materials.nav' }, permission: 'materials:read' },
  { item: { to: '/frameworks', label: 'nav.frameworks' }, permission: 'frameworks:read' },
  { item: { to: '/audit', label: 'nav.audit' }, permission: 'audit:read' },
  { item: { to: '/imports', label: 'imports.nav' }, permission: 'imports:run' },
  { item: { to: '/integrations/api-keys', label: 'integrations.navApiKeys' }, permission: 'api_keys:manage' },
  { item: { to: '/integrations/webhooks', label: 'integrations.navWebhooks' }, permission: 'webhooks:manage' },
  // the public honour board (outside the signed-in shell), for everyone
  { item: { to: PUBLIC_BOARD, label: 'honour.nav.board' }, permission: null },
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

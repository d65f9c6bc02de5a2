export interface NavItem {
  to: string;
  /** i18n key of the label */
  label: string;
}

/** A group of the menu, by the seed's work (issue 18.8): plans, assessment, reports, awards, communications, administration. */
export interface NavGroup {
  id: GroupId;
  /** i18n key of the group's name */
  label: string;
  items: NavItem[];
}

export const GROUP_IDS = ['plans', 'assessment', 'reports', 'awards', 'communications', 'admin'] as const;
export type GroupId = (typeof GROUP_IDS)[number];

/** The public honour board: a page of the public site, linked from the signed-in menu too. */
export const PUBLIC_BOARD = '/bang-vang';

export const HOME: NavItem = { to: '/', label: 'nav.home' };

type Entry = { item: NavItem; permission: string | null; group: GroupId };

const ITEMS: Entry[] = [
  // Kế hoạch: the commune's and the schools' plans, who steers, what it costs
  { group: 'plans', item: { to: '/plans', label: 'nav.plans' }, permission: 'plans:read' },
  { group: 'plans', item: { to: '/plans/tracking', label: 'nav.planTracking' }, permission: 'plans:review' },
  { group: 'plans', item: { to: '/steering', label: 'steering.nav' }, permission: 'steering:read' },
  { group: 'plans', item: { to: '/budget', label: 'budget.nav' }, permission: 'budget:read' },
  { group: 'plans', item: { to: '/budget/partners', label: 'budget.navPartners' }, permission: 'partners:read' },
  { group: 'plans', item: { to: '/research-supports', label: 'steering.research.nav' }, permission: 'research_support:read' },
  // Đánh giá: self-assessment, results, what feeds them, inspection
  { group: 'assessment', item: { to: '/assessments', label: 'nav.assessments' }, permission: 'assessments:read' },
  { group: 'assessment', item: { to: '/scorecards', label: 'nav.scorecards' }, permission: 'scorecards:read' },
  { group: 'assessment', item: { to: '/dti', label: 'dti.nav' }, permission: 'dti:read' },
  { group: 'assessment', item: { to: '/activities', label: 'nav.activities' }, permission: 'activities:read' },
  { group: 'assessment', item: { to: '/initiatives', label: 'initiatives.nav' }, permission: 'initiatives:read' },
  { group: 'assessment', item: { to: '/inspections', label: 'nav.inspections' }, permission: 'inspections:read' },
  { group: 'assessment', item: { to: '/inspection-plans', label: 'inspectionPlans.nav' }, permission: 'inspections:read' },
  { group: 'assessment', item: { to: '/inspection-recommendations', label: 'inspectionFindings.nav' }, permission: 'inspections:read' },
  { group: 'assessment', item: { to: '/conduct/ratings', label: 'conduct.navRatings' }, permission: 'conduct:read' },
  { group: 'assessment', item: { to: '/conduct/flags', label: 'conduct.navFlags' }, permission: 'conduct:read' },
  // Báo cáo
  { group: 'reports', item: { to: '/report-requests', label: 'nav.reports' }, permission: 'reports:read' },
  // the Department (Sở GDĐT): every commune's reports, results and proposals
  { group: 'reports', item: { to: '/province', label: 'tenancy.nav' }, permission: 'province:read' },
  // Thi đua khen thưởng: in the order of the award workflow, the council and the publication of results
  { group: 'awards', item: { to: '/awards/types', label: 'awards.nav.types' }, permission: 'award_types:read' },
  { group: 'awards', item: { to: '/awards/rounds', label: 'awards.nav.rounds' }, permission: 'award_rounds:read' },
  { group: 'awards', item: { to: '/awards/nominations', label: 'nominations.navList' }, permission: 'nominations:read' },
  { group: 'awards', item: { to: '/awards/nominations/queue', label: 'nominations.navQueue' }, permission: 'nominations:read' },
  { group: 'awards', item: { to: '/awards/council', label: 'awards.nav.council' }, permission: 'council:read' },
  { group: 'awards', item: { to: '/awards/decisions', label: 'awards.nav.decisions' }, permission: 'decisions:read' },
  { group: 'awards', item: { to: '/awards/cash', label: 'awards.nav.cash' }, permission: 'cash:read' },
  { group: 'awards', item: { to: '/awards/achievements', label: 'awards.nav.achievements' }, permission: 'achievements:read' },
  { group: 'awards', item: { to: '/stories/publications', label: 'stories.navPublications' }, permission: 'results:publish' },
  // Truyền thông
  { group: 'communications', item: { to: '/stories', label: 'stories.nav' }, permission: 'stories:read' },
  { group: 'communications', item: { to: '/communications', label: 'communications.nav' }, permission: 'communications:read' },
  { group: 'communications', item: { to: '/story-proposals', label: 'communications.navProposals' }, permission: 'story_proposals:read' },
  { group: 'communications', item: { to: '/materials', label: 'communications.materials.nav' }, permission: 'materials:read' },
  // the public honour board (outside the signed-in shell), for everyone
  { group: 'communications', item: { to: PUBLIC_BOARD, label: 'honour.nav.board' }, permission: null },
  // Quản trị
  { group: 'admin', item: { to: '/units', label: 'nav.units' }, permission: 'units:read' },
  { group: 'admin', item: { to: '/staff', label: 'nav.staff' }, permission: 'staff:read' },
  { group: 'admin', item: { to: '/users', label: 'nav.users' }, permission: 'users:manage' },
  { group: 'admin', item: { to: '/frameworks', label: 'nav.frameworks' }, permission: 'frameworks:read' },
  { group: 'admin', item: { to: '/audit', label: 'nav.audit' }, permission: 'audit:read' },
  { group: 'admin', item: { to: '/imports', label: 'imports.nav' }, permission: 'imports:run' },
  { group: 'admin', item: { to: '/integrations/api-keys', label: 'integrations.navApiKeys' }, permission: 'api_keys:manage' },
  { group: 'admin', item: { to: '/integrations/webhooks', label: 'integrations.navWebhooks' }, permission: 'webhooks:manage' },
];

/** The groups of the menu that hold an entry for these permissions (GET /auth/me), in the seed's order. */
export function navGroups(permissions: readonly string[]): NavGroup[] {
  const shown = ITEMS.filter(({ permission }) => permission === null || permissions.includes(permission));
  return GROUP_IDS.map((id) => ({
    id,
    label: `ux.menu.${id}`,
    items: shown.filter((e) => e.group === id).map((e) => e.item),
  })).filter((g) => g.items.length > 0);
}

/** Every entry for these permissions, home first, in the menu's order. */
export function navItems(permissions: readonly string[]): NavItem[] {
  return [HOME, ...navGroups(permissions).flatMap((g) => g.items)];
}

/** The group holding the entry of a path (the longest entry that is the path or above it). */
export function groupOf(groups: readonly NavGroup[], pathname: string): GroupId | null {
  let best: { id: GroupId; length: number } | null = null;
  for (const g of groups)
    for (const i of g.items)
      if ((pathname === i.to || pathname.startsWith(`${i.to}/`)) && (!best || i.to.length > best.length))
        best = { id: g.id, length: i.to.length };
  return best?.id ?? null;
}

export function can(permissions: readonly string[], permission: string): boolean {
  return permissions.includes(permission);
}

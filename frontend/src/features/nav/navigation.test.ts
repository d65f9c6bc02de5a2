import { describe, expect, it } from 'vitest';
import { GROUP_IDS, PUBLIC_BOARD, can, groupOf, navGroups, navItems } from './navigation';

// The public honour board is offered to everyone (tested on its own below), so the lists leave it out.
const paths = (perms: string[]) =>
  navItems(perms)
    .map((i) => i.to)
    .filter((to) => to !== PUBLIC_BOARD);

const grouped = (perms: string[]) =>
  Object.fromEntries(navGroups(perms).map((g) => [g.id, g.items.map((i) => i.to).filter((to) => to !== PUBLIC_BOARD)]));

/** Roughly what GET /auth/me answers for each role (auth/roles.py). */
const OFFICER = [
  'units:read', 'units:write', 'staff:read', 'audit:read', 'frameworks:read', 'assessments:read', 'scorecards:read',
  'activities:read', 'dti:read', 'initiatives:read', 'inspections:read', 'steering:read', 'research_support:read',
  'plans:read', 'plans:review', 'reports:read', 'reports:manage', 'award_types:read', 'award_rounds:read',
  'nominations:read', 'nominations:review', 'council:read', 'decisions:read', 'achievements:read', 'conduct:read',
  'stories:read', 'results:publish', 'communications:read', 'story_proposals:read', 'materials:read', 'imports:run',
  'budget:read',
];
const ADMIN = [...OFFICER, 'users:manage', 'api_keys:manage', 'webhooks:manage', 'cash:read', 'partners:read'];

describe('the grouped menu (issue 18.8)', () => {
  it("gives the Department's officer its view of the communes beside the reports (issue 20)", () => {
    const department = ['units:read', 'assessments:read', 'scorecards:read', 'plans:read', 'reports:read', 'province:read'];
    expect(grouped(department).reports).toEqual(['/report-requests', '/province']);
    expect(paths(['units:read'])).not.toContain('/province');
  });

  it('shows only the home page and the honour board without permissions', () => {
    expect(paths([])).toEqual(['/']);
    expect(navGroups([]).map((g) => g.id)).toEqual(['communications']);
  });

  it('groups the entries by the seed\'s work, in its order, and leaves out empty groups', () => {
    expect(navGroups(ADMIN).map((g) => g.id)).toEqual([...GROUP_IDS]);
    expect(navGroups(['plans:read', 'units:read']).map((g) => g.id)).toEqual(['plans', 'communications', 'admin']);
    for (const g of navGroups(ADMIN)) expect(g.label).toBe(`ux.menu.${g.id}`);
  });

  it('puts each entry in its group', () => {
    const g = grouped(ADMIN);
    expect(g.plans).toEqual(['/plans', '/plans/tracking', '/steering', '/budget', '/budget/partners', '/research-supports']);
    expect(g.assessment).toEqual([
      '/assessments',
      '/scorecards',
      '/dti',
      '/activities',
      '/initiatives',
      '/inspections',
      '/inspection-plans',
      '/inspection-recommendations',
      '/conduct/ratings',
      '/conduct/flags',
    ]);
    expect(g.reports).toEqual(['/report-requests']);
    expect(g.communications).toEqual(['/stories', '/communications', '/story-proposals', '/materials']);
    expect(g.admin).toEqual([
      '/units',
      '/staff',
      '/users',
      '/frameworks',
      '/audit',
      '/imports',
      '/integrations/api-keys',
      '/integrations/webhooks',
    ]);
  });

  it('offers council meetings and result publication in the awards group, in the order of the workflow', () => {
    expect(grouped(ADMIN).awards).toEqual([
      '/awards/types',
      '/awards/rounds',
      '/awards/nominations',
      '/awards/nominations/queue',
      '/awards/council',
      '/awards/decisions',
      '/awards/cash',
      '/awards/achievements',
      '/stories/publications',
    ]);
    expect(paths(['nominations:read', 'stories:read'])).not.toContain('/awards/council');
    expect(paths(['stories:read'])).not.toContain('/stories/publications');
    expect(paths(['results:publish'])).toEqual(['/', '/stories/publications']);
  });

  it('shows a unit manager units and staff, a teacher what a teacher reads', () => {
    expect(paths(['units:read', 'staff:read', 'staff:write'])).toEqual(['/', '/units', '/staff']);
    expect(paths(['award_types:read', 'award_rounds:read', 'achievements:read'])).toEqual([
      '/',
      '/awards/types',
      '/awards/rounds',
      '/awards/achievements',
    ]);
  });

  it('shows nothing for write-only, fill-only or unknown permissions', () => {
    for (const perms of [
      ['units:write', 'staff:write'],
      ['assessments:fill'],
      ['payroll:read'],
      ['plans:write', 'plans:budget'],
      ['inspections:record', 'inspections:manage', 'activities:write'],
      ['award_types:write', 'award_rounds:write', 'decisions:write', 'achievements:write'],
      ['nominations:write'],
      ['ratings:write', 'flags:write'],
      ['exports:run'],
    ])
      expect(paths(perms)).toEqual(['/']);
  });

  it('shows API keys and webhooks to administrators only', () => {
    expect(grouped(OFFICER).admin).not.toContain('/integrations/api-keys');
    expect(grouped(OFFICER).admin).not.toContain('/integrations/webhooks');
    expect(paths(['webhooks:manage'])).toEqual(['/', '/integrations/webhooks']);
  });

  it('offers the public honour board to everyone, in the communications group', () => {
    for (const perms of [[], ['units:read'], ADMIN]) {
      const communications = navGroups(perms).find((g) => g.id === 'communications');
      expect(communications?.items.at(-1)).toEqual({ to: '/bang-vang', label: 'honour.nav.board' });
    }
  });

  it('keeps the administrator\'s menu to seven top-level entries (it was 39)', () => {
    expect(navGroups(ADMIN).length + 1).toBe(7);
    expect(navItems(ADMIN).length).toBeGreaterThan(35);
  });

  it('knows the group of the page shown, the deepest entry first', () => {
    const groups = navGroups(ADMIN);
    expect(groupOf(groups, '/plans/tracking')).toBe('plans');
    expect(groupOf(groups, '/plans/12')).toBe('plans');
    expect(groupOf(groups, '/stories/publications')).toBe('awards');
    expect(groupOf(groups, '/stories/3')).toBe('communications');
    expect(groupOf(groups, '/awards/nominations/queue')).toBe('awards');
    expect(groupOf(groups, '/')).toBeNull();
    expect(groupOf(groups, '/password')).toBeNull();
  });
});

describe('can', () => {
  it('checks one permission', () => {
    expect(can(['units:read'], 'units:read')).toBe(true);
    expect(can(['units:read'], 'units:write')).toBe(false);
  });
});

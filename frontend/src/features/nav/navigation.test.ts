import { describe, expect, it } from 'vitest';
import { PUBLIC_BOARD, can, navItems } from './navigation';

// The public honour board is offered to everyone (tested on its own below), so the lists leave it out.
const paths = (perms: string[]) =>
  navItems(perms)
    .map((i) => i.to)
    .filter((to) => to !== PUBLIC_BOARD);

describe('navItems', () => {
  it('shows only the home page without permissions', () => {
    expect(paths([])).toEqual(['/']);
  });

  it('shows units and staff for a unit manager', () => {
    expect(paths(['units:read', 'staff:read', 'staff:write'])).toEqual(['/', '/units', '/staff']);
  });

  it('shows everything for an administrator, in a fixed order', () => {
    expect(paths(['audit:read', 'users:manage', 'staff:read', 'units:write', 'units:read'])).toEqual([
      '/',
      '/units',
      '/staff',
      '/users',
      '/audit',
    ]);
  });

  it('shows self-assessment, ranking and frameworks for a commune officer, before the audit log', () => {
    expect(
      paths(['units:read', 'staff:read', 'audit:read', 'frameworks:read', 'frameworks:write', 'assessments:read', 'assessments:review', 'scorecards:read']),
    ).toEqual(['/', '/units', '/staff', '/assessments', '/scorecards', '/frameworks', '/audit']);
  });

  it('shows the activity log and inspections after the ranking, before frameworks', () => {
    expect(
      paths(['frameworks:read', 'inspections:read', 'activities:read', 'scorecards:read', 'assessments:read']),
    ).toEqual(['/', '/assessments', '/scorecards', '/activities', '/inspections', '/inspection-plans', '/inspection-recommendations', '/frameworks']);
    expect(paths(['inspections:record', 'inspections:manage', 'activities:write'])).toEqual(['/']);
  });

  it('does not show frameworks for a fill-only permission', () => {
    expect(paths(['assessments:fill'])).toEqual(['/']);
  });

  it('does not show a list for a write-only permission', () => {
    expect(paths(['units:write', 'staff:write'])).toEqual(['/']);
  });

  it('ignores unknown permissions', () => {
    expect(paths(['payroll:read'])).toEqual(['/']);
  });

  it('shows plans, plan tracking and reports by permission', () => {
    expect(paths(['plans:read', 'reports:read'])).toEqual(['/', '/plans', '/report-requests']);
    expect(paths(['reports:write', 'plans:read', 'plans:review', 'reports:read', 'reports:manage'])).toEqual([
      '/',
      '/plans',
      '/plans/tracking',
      '/report-requests',
    ]);
    expect(paths(['plans:write', 'plans:budget'])).toEqual(['/']);
  });

  it('shows award nominations and the approval queue to readers of nominations, after reports', () => {
    const shown = paths(['reports:read', 'nominations:read']);
    expect(shown).toContain('/awards/nominations');
    expect(shown).toContain('/awards/nominations/queue');
    expect(shown.indexOf('/report-requests')).toBeLessThan(shown.indexOf('/awards/nominations'));
    expect(shown.indexOf('/awards/nominations')).toBeLessThan(shown.indexOf('/awards/nominations/queue'));
    const labels = navItems(['nominations:read']).filter((i) => i.to.startsWith('/awards/nominations'));
    expect(labels.map((i) => i.label)).toEqual(['nominations.navList', 'nominations.navQueue']);
    for (const perms of [['nominations:write'], ['nominations:review', 'nominations:approve'], []])
      expect(paths(perms).filter((p) => p.startsWith('/awards/nominations'))).toEqual([]);
  });

  it('shows the award administration screens by permission, in the order of the award workflow', () => {
    const officer = paths([
      'reports:read',
      'award_types:read',
      'award_types:write',
      'award_rounds:read',
      'award_rounds:write',
      'decisions:read',
      'decisions:write',
      'achievements:read',
      'achievements:write',
      'frameworks:read',
    ]);
    expect(officer).toEqual([
      '/',
      '/report-requests',
      '/awards/types',
      '/awards/rounds',
      '/awards/decisions',
      '/awards/achievements',
      '/frameworks',
    ]);
    // a teacher reads award types, rounds and the own achievements, not decisions
    expect(paths(['award_types:read', 'award_rounds:read', 'achievements:read'])).toEqual([
      '/',
      '/awards/types',
      '/awards/rounds',
      '/awards/achievements',
    ]);
    // write-only permissions show nothing
    expect(paths(['award_types:write', 'award_rounds:write', 'decisions:write', 'achievements:write'])).toEqual(['/']);
    const labels = navItems(['award_types:read', 'award_rounds:read', 'decisions:read', 'achievements:read']).filter((i) =>
      i.to.startsWith('/awards/'),
    );
    expect(labels.map((i) => i.label)).toEqual(['awards.nav.types', 'awards.nav.rounds', 'awards.nav.decisions', 'awards.nav.achievements']);
  });

  it('offers council meetings after the nominations and result publication after the stories', () => {
    const all = paths(['nominations:read', 'council:read', 'decisions:read', 'stories:read', 'results:publish']);
    expect(all.indexOf('/awards/nominations/queue')).toBeLessThan(all.indexOf('/awards/council'));
    expect(all.indexOf('/awards/council')).toBeLessThan(all.indexOf('/awards/decisions'));
    expect(all.indexOf('/stories/publications')).toBe(all.indexOf('/stories') + 1);
    expect(paths(['nominations:read', 'stories:read'])).not.toContain('/awards/council');
    expect(paths(['stories:read'])).not.toContain('/stories/publications');
  });

  it('places award types and rounds before nominations, decisions and achievements after them', () => {
    const all = paths(['award_types:read', 'award_rounds:read', 'nominations:read', 'decisions:read', 'achievements:read']);
    expect(all.indexOf('/awards/rounds')).toBeLessThan(all.indexOf('/awards/nominations'));
    expect(all.indexOf('/awards/nominations/queue')).toBeLessThan(all.indexOf('/awards/decisions'));
    expect(all.indexOf('/awards/decisions')).toBeLessThan(all.indexOf('/awards/achievements'));
  });

  it('gives every item a label key', () => {
    for (const item of navItems(['units:read', 'staff:read', 'users:manage', 'audit:read', 'frameworks:read', 'assessments:read', 'scorecards:read'])) {
      if (item.to === PUBLIC_BOARD) continue;
      expect(item.label).toMatch(/^nav\./);
    }
  });

  it('offers the public honour board to everyone, signed in with any permissions, as the last entry', () => {
    for (const perms of [[], ['units:read'], ['stories:read', 'audit:read']]) {
      const all = navItems(perms);
      expect(all.at(-1)).toEqual({ to: '/bang-vang', label: 'honour.nav.board' });
    }
  });

  it('shows the initiatives register after the activity log, to readers of initiatives', () => {
    expect(paths(['initiatives:read', 'initiatives:write'])).toEqual(['/', '/initiatives']);
    expect(paths(['inspections:read', 'initiatives:read', 'activities:read'])).toEqual(['/', '/activities', '/initiatives', '/inspections', '/inspection-plans', '/inspection-recommendations']);
    expect(paths(['initiatives:write', 'initiatives:recognise'])).toEqual(['/']);
  });

  it('shows staff ratings and flags to readers of conduct data, not to writers only', () => {
    expect(paths(['conduct:read', 'ratings:write'])).toEqual(['/', '/conduct/ratings', '/conduct/flags']);
    expect(paths(['ratings:write', 'flags:write'])).toEqual(['/']);
  });

  it('shows the stories editor to readers of stories, before frameworks', () => {
    expect(paths(['stories:read', 'stories:write'])).toEqual(['/', '/stories']);
    expect(paths(['frameworks:read', 'stories:read', 'conduct:read'])).toEqual([
      '/',
      '/conduct/ratings',
      '/conduct/flags',
      '/stories',
      '/frameworks',
    ]);
    // result publication has its own entry (issue 18: it was reachable only from the stories page)
    expect(paths(['results:publish'])).toEqual(['/', '/stories/publications']);
  });

  it('shows API keys and webhooks to administrators only, after the audit log', () => {
    const admin = paths(['users:manage', 'audit:read', 'api_keys:manage', 'webhooks:manage']);
    expect(admin).toEqual(['/', '/users', '/audit', '/integrations/api-keys', '/integrations/webhooks']);
    expect(paths(['api_keys:manage'])).toEqual(['/', '/integrations/api-keys']);
    expect(paths(['webhooks:manage'])).toEqual(['/', '/integrations/webhooks']);
    // an integration account's own permissions, or a commune officer's, show neither (only the import screen)
    expect(paths(['units:read', 'staff:read', 'imports:run', 'exports:run', 'audit:read'])).toEqual([
      '/',
      '/units',
      '/staff',
      '/audit',
      '/imports',
    ]);
    const labels = navItems(['api_keys:manage', 'webhooks:manage']).filter((i) => i.to.startsWith('/integrations/'));
    expect(labels).toEqual([
      { to: '/integrations/api-keys', label: 'integrations.navApiKeys' },
      { to: '/integrations/webhooks', label: 'integrations.navWebhooks' },
    ]);
  });

  it('shows the bulk import screen to those who may run imports, after the audit log and before integrations', () => {
    expect(paths(['imports:run'])).toEqual(['/', '/imports']);
    expect(navItems(['imports:run']).filter((i) => i.to === '/imports')).toEqual([{ to: '/imports', label: 'imports.nav' }]);
    // exporting alone does not open the import screen
    expect(paths(['exports:run'])).toEqual(['/']);
    const admin = paths(['audit:read', 'imports:run', 'exports:run', 'api_keys:manage', 'webhooks:manage']);
    expect(admin).toEqual(['/', '/audit', '/imports', '/integrations/api-keys', '/integrations/webhooks']);
  });

  it('labels the new entries with their feature keys', () => {
    const labels = navItems(['initiatives:read', 'conduct:read', 'stories:read']).map((i) => i.label);
    expect(labels).toEqual([
      'nav.home',
      'initiatives.nav',
      'conduct.navRatings',
      'conduct.navFlags',
      'stories.nav',
      'honour.nav.board',
    ]);
  });
});

describe('can', () => {
  it('checks one permission', () => {
    expect(can(['units:read'], 'units:read')).toBe(true);
    expect(can(['units:read'], 'units:write')).toBe(false);
  });

  it('shows the communications plan, proposals and the shared library to Trung tâm DVSNC', () => {
    expect(
      paths(['stories:read', 'stories:write', 'communications:read', 'communications:write', 'story_proposals:read', 'materials:read']),
    ).toEqual(['/', '/stories', '/communications', '/story-proposals', '/materials']);
    expect(paths(['materials:read', 'materials:write'])).toEqual(['/', '/materials']);
  });
});

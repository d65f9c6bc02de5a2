import { describe, expect, it } from 'vitest';
import { can, navItems } from './navigation';

const paths = (perms: string[]) => navItems(perms).map((i) => i.to);

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
    ).toEqual(['/', '/assessments', '/scorecards', '/activities', '/inspections', '/frameworks']);
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

  it('gives every item a label key', () => {
    for (const item of navItems(['units:read', 'staff:read', 'users:manage', 'audit:read', 'frameworks:read', 'assessments:read', 'scorecards:read'])) {
      expect(item.label).toMatch(/^nav\./);
    }
  });
});

describe('can', () => {
  it('checks one permission', () => {
    expect(can(['units:read'], 'units:read')).toBe(true);
    expect(can(['units:read'], 'units:write')).toBe(false);
  });
});

/** Staff lists that several features offer (attendees of an activity, authors of an initiative). */
import { useQueries } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Staff } from '../../api/types';
import { staffKeys } from '../queryKeys';
import { descendantUnitIds } from '../units';
import { useUnitOptions } from './units';

/** Staff of one unit, or the whole visible list without a unit (up to 200). */
export function getStaffOfUnit(unitId: number | null) {
  return call(api.GET('/api/v1/staff', { params: { query: unitId ? { unit_id: unitId, limit: 200 } : { limit: 200 } } }));
}

/** The staff of several lists (a unit's and its subject groups'), each person once. */
export function distinctStaff(results: readonly { data?: { items: Staff[] } }[]): Staff[] {
  const staff: Staff[] = [];
  const seen = new Set<number>();
  for (const r of results)
    for (const s of r.data?.items ?? [])
      if (!seen.has(s.id)) {
        seen.add(s.id);
        staff.push(s);
      }
  return staff;
}

/**
 * Staff who may attend an activity of `unitId`: the unit's own staff and those of the units below it
 * (a school's subject groups). Without a unit (school users, whose list is scoped to their school),
 * the whole visible staff list.
 */
export function useAttendeeCandidates(unitId: number | null) {
  const units = useUnitOptions();
  const ids = unitId && units.data ? descendantUnitIds(units.data, unitId) : unitId ? [unitId] : [null];
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: staffKeys.attendees(id),
      queryFn: () => getStaffOfUnit(id),
      staleTime: 30 * 1000,
    })),
  });
  const staff = distinctStaff(results).sort((a, b) => a.code.localeCompare(b.code));
  return {
    staff,
    isPending: results.some((r) => r.isPending) || (!!unitId && units.isPending),
    error: results.find((r) => r.error)?.error ?? null,
  };
}

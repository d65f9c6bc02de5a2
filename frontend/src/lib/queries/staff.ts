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
function distinctStaff(results: readonly { data?: { items: Staff[] } }[]): Staff[] {
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

/** The staff lists of several units (or of the whole visible list, for null), side by side. */
function useStaffLists(ids: (number | null)[], key: (unitId: number | null) => readonly unknown[]) {
  const results = useQueries({
    queries: ids.map((id) => ({ queryKey: key(id), queryFn: () => getStaffOfUnit(id), staleTime: 30 * 1000 })),
  });
  return { staff: distinctStaff(results), error: results.find((r) => r.error)?.error ?? null, results };
}

/**
 * Staff who may attend an activity of `unitId`: the unit's own staff and those of the units below it
 * (a school's subject groups). Without a unit (school users, whose list is scoped to their school),
 * the whole visible staff list.
 */
export function useAttendeeCandidates(unitId: number | null) {
  const units = useUnitOptions();
  const ids = unitId && units.data ? descendantUnitIds(units.data, unitId) : unitId ? [unitId] : [null];
  const { staff, error, results } = useStaffLists(ids, staffKeys.attendees);
  return {
    staff: staff.sort((a, b) => a.code.localeCompare(b.code)),
    isPending: results.some((r) => r.isPending) || (!!unitId && units.isPending),
    error,
  };
}

/** Active staff of a unit and of the units below it (a school's subject groups); nothing without a unit. */
export function useUnitStaffBelow(unitId: number | null) {
  const units = useUnitOptions();
  const ids = unitId ? (units.data ? descendantUnitIds(units.data, unitId) : [unitId]) : [];
  const { staff, error, results } = useStaffLists(ids, staffKeys.ofUnit);
  return {
    staff: staff.sort((a, b) => a.full_name.localeCompare(b.full_name, 'vi') || a.code.localeCompare(b.code)),
    isPending: !!unitId && (results.some((r) => r.isPending) || units.isPending),
    error,
  };
}

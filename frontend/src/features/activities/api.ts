import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../api/client';
import { isConflict } from '../../lib/errors';
import { compact } from '../../lib/useListParams';
import type { Activity, ActivityCreate, ActivityKind, ActivityUpdate, Staff } from '../../api/types';
import { useUnitOptions } from '../units/api';
import { descendantUnitIds } from './attendance';

export interface ActivityFilters {
  unit_id?: number;
  school_year?: string;
  kind?: ActivityKind;
  limit: number;
  offset: number;
}

export function useActivities(filters: ActivityFilters) {
  return useQuery({
    queryKey: ['activities', 'list', filters],
    queryFn: () => call(api.GET('/api/v1/activities', { params: { query: compact(filters) } })),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: number) {
  return useQuery({
    queryKey: ['activities', 'detail', id],
    queryFn: () => call(api.GET('/api/v1/activities/{activity_id}', { params: { path: { activity_id: id } } })),
  });
}

/** Activities feed computed indicators: a change also makes assessments and scorecards stale. */
function invalidateAll(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: ['activities'] });
  void qc.invalidateQueries({ queryKey: ['assessments'] });
  void qc.invalidateQueries({ queryKey: ['scorecards'] });
}

export function useCreateActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActivityCreate) => call(api.POST('/api/v1/activities', { body })),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useUpdateActivity(activity: Activity | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActivityUpdate) =>
      call(
        api.PATCH('/api/v1/activities/{activity_id}', {
          params: { path: { activity_id: activity!.id }, header: ifMatch(activity!.version) },
          body,
        }),
      ),
    onSuccess: () => invalidateAll(qc),
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}

export function useDeleteActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (activity: Activity) =>
      call(
        api.DELETE('/api/v1/activities/{activity_id}', {
          params: { path: { activity_id: activity.id }, header: ifMatch(activity.version) },
        }),
      ),
    onSuccess: () => {
      // not the deleted activity's own page (it would be fetched again and answer 404)
      void qc.invalidateQueries({ queryKey: ['activities', 'list'] });
      void qc.invalidateQueries({ queryKey: ['assessments'] });
      void qc.invalidateQueries({ queryKey: ['scorecards'] });
    },
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });
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
      queryKey: ['staff', 'attendees', id],
      queryFn: () =>
        call(api.GET('/api/v1/staff', { params: { query: id ? { unit_id: id, limit: 200 } : { limit: 200 } } })),
      staleTime: 30 * 1000,
    })),
  });
  const staff: Staff[] = [];
  const seen = new Set<number>();
  for (const r of results)
    for (const s of r.data?.items ?? [])
      if (!seen.has(s.id)) {
        seen.add(s.id);
        staff.push(s);
      }
  staff.sort((a, b) => a.code.localeCompare(b.code));
  return {
    staff,
    isPending: results.some((r) => r.isPending) || (!!unitId && units.isPending),
    error: results.find((r) => r.error)?.error ?? null,
  };
}

import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { Activity, ActivityCreate, ActivityKind, ActivityUpdate } from '../../../api/types';
import { activitiesKeys, assessmentsKeys, scorecardsKeys } from '../../../lib/queryKeys';

export interface ActivityFilters {
  unit_id?: number;
  school_year?: string;
  kind?: ActivityKind;
  limit: number;
  offset: number;
}

export function getActivities(filters: ActivityFilters) {
  return call(api.GET('/api/v1/activities', { params: { query: compact(filters) } }));
}

export const activitiesQueryOptions = (filters: ActivityFilters) =>
  queryOptions({
    queryKey: activitiesKeys.list(filters),
    queryFn: () => getActivities(filters),
    placeholderData: keepPreviousData,
  });

export function useActivities(filters: ActivityFilters) {
  return useQuery(activitiesQueryOptions(filters));
}

export function getActivity(id: number) {
  return call(api.GET('/api/v1/activities/{activity_id}', { params: { path: { activity_id: id } } }));
}

export const activityQueryOptions = (id: number) =>
  queryOptions({
    queryKey: activitiesKeys.detail(id),
    queryFn: () => getActivity(id),
  });

export function useActivity(id: number) {
  return useQuery(activityQueryOptions(id));
}

/** Activities feed computed indicators: a change also makes assessments and scorecards stale. */
function invalidateAll(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: activitiesKeys.all });
  void qc.invalidateQueries({ queryKey: assessmentsKeys.all });
  void qc.invalidateQueries({ queryKey: scorecardsKeys.all });
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
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: activitiesKeys.all });
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
      void qc.invalidateQueries({ queryKey: activitiesKeys.lists() });
      void qc.invalidateQueries({ queryKey: assessmentsKeys.all });
      void qc.invalidateQueries({ queryKey: scorecardsKeys.all });
    },
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: activitiesKeys.all });
    },
  });
}


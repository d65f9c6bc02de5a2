/** The plan tracking table of a movement's commune: read by the commune's plans pages and by the
 * Department's view of a commune it picks (issue 20). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { plansKeys } from '../queryKeys';

export function getPlanTracking(movementId: number | undefined) {
  return call(api.GET('/api/v1/plans/tracking', { params: { query: { movement_id: movementId! } } }));
}

export const planTrackingQueryOptions = (movementId: number | undefined) =>
  queryOptions({
    queryKey: plansKeys.tracking(movementId),
    enabled: !!movementId,
    queryFn: () => getPlanTracking(movementId),
  });

/** Per school of the movement's commune: received, due, submitted, approved, progress. */
export function usePlanTracking(movementId: number | undefined) {
  return useQuery(planTrackingQueryOptions(movementId));
}

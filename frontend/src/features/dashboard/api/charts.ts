/** The reads behind the commune's dashboard charts: existing endpoints, under their resources' keys. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { plansKeys, reportRequestsKeys, scorecardsKeys } from '../../../lib/queryKeys';

export function getYearOverYear(frameworkCode: string | undefined) {
  return call(api.GET('/api/v1/scorecards/year-over-year', { params: { query: { framework_code: frameworkCode! } } }));
}

export const yearOverYearQueryOptions = (frameworkCode: string | undefined, enabled: boolean) =>
  queryOptions({
    queryKey: scorecardsKeys.yearOverYear(frameworkCode),
    queryFn: () => getYearOverYear(frameworkCode),
    enabled: enabled && !!frameworkCode,
  });

export function useYearOverYear(frameworkCode: string | undefined, enabled: boolean) {
  return useQuery(yearOverYearQueryOptions(frameworkCode, enabled));
}

type AggregatesQuery = { framework_id: number; school_year: string } | null;

export function getAggregates(query: AggregatesQuery) {
  return call(api.GET('/api/v1/scorecards/aggregates', { params: { query: query! } }));
}

export const aggregatesQueryOptions = (query: AggregatesQuery) =>
  queryOptions({ queryKey: scorecardsKeys.aggregates(query), queryFn: () => getAggregates(query), enabled: !!query });

export function useAggregates(query: AggregatesQuery) {
  return useQuery(aggregatesQueryOptions(query));
}

export function getTracking(movementId: number | undefined) {
  return call(api.GET('/api/v1/plans/tracking', { params: { query: { movement_id: movementId! } } }));
}

export const trackingQueryOptions = (movementId: number | undefined, enabled: boolean) =>
  queryOptions({
    queryKey: plansKeys.tracking(movementId),
    queryFn: () => getTracking(movementId),
    enabled: enabled && !!movementId,
  });

export function useTracking(movementId: number | undefined, enabled: boolean) {
  return useQuery(trackingQueryOptions(movementId, enabled));
}

/** The latest 200 requests: far more than the chart's last twelve due dates. */
const RECENT = { limit: 200, offset: 0 };

export function getRecentRequests() {
  return call(api.GET('/api/v1/report-requests', { params: { query: RECENT } }));
}

export const recentRequestsQueryOptions = (enabled: boolean) =>
  queryOptions({ queryKey: reportRequestsKeys.list(RECENT), queryFn: getRecentRequests, enabled });

export function useRecentRequests(enabled: boolean) {
  return useQuery(recentRequestsQueryOptions(enabled));
}

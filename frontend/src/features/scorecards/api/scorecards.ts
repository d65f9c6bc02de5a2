import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { compact } from '../../../lib/useListParams';
import type { SchoolLevel } from '../../../api/types';
import { scorecardsKeys } from '../../../lib/queryKeys';

export interface RankingFilters {
  framework_id: number;
  school_year: string;
  unit_kind?: SchoolLevel;
  classification?: string;
  limit: number;
  offset: number;
}

export function getRanking(filters: RankingFilters | null) {
  return call(api.GET('/api/v1/scorecards', { params: { query: compact(filters!) as RankingFilters } }));
}

export const rankingQueryOptions = (filters: RankingFilters | null) =>
  queryOptions({
    queryKey: scorecardsKeys.ranking(filters),
    queryFn: () => getRanking(filters),
    enabled: !!filters,
    placeholderData: keepPreviousData,
  });

export function useRanking(filters: RankingFilters | null) {
  return useQuery(rankingQueryOptions(filters));
}

type AggregatesQuery = { framework_id: number; school_year: string; limit?: number; offset?: number } | null;

export function getAggregates(query: AggregatesQuery) {
  return call(api.GET('/api/v1/scorecards/aggregates', { params: { query: query! } }));
}

export const aggregatesQueryOptions = (query: AggregatesQuery) =>
  queryOptions({
    queryKey: scorecardsKeys.aggregates(query),
    queryFn: () => getAggregates(query),
    enabled: !!query,
  });

export function useAggregates(query: AggregatesQuery) {
  return useQuery(aggregatesQueryOptions(query));
}

export function getScorecard(id: number) {
  return call(api.GET('/api/v1/scorecards/{assessment_id}', { params: { path: { assessment_id: id } } }));
}

export const scorecardQueryOptions = (id: number) =>
  queryOptions({
    queryKey: scorecardsKeys.detail(id),
    queryFn: () => getScorecard(id),
  });

export function useScorecard(id: number) {
  return useQuery(scorecardQueryOptions(id));
}

/** The ranking and heat map of every unit in reach as XLSX, built by the job queue (followed with
 * lib/queries/generatedFiles). */
export function startExport(frameworkId: number, schoolYear: string) {
  return call(api.POST('/api/v1/scorecards/export', { body: { framework_id: frameworkId, school_year: schoolYear } }));
}

export function getScorecardHistory(id: number) {
  return call(api.GET('/api/v1/scorecards/{assessment_id}/history', { params: { path: { assessment_id: id } } }));
}

export const scorecardHistoryQueryOptions = (id: number, enabled: boolean) =>
  queryOptions({ queryKey: scorecardsKeys.history(id), queryFn: () => getScorecardHistory(id), enabled });

export function useScorecardHistory(id: number, enabled: boolean) {
  return useQuery(scorecardHistoryQueryOptions(id, enabled));
}

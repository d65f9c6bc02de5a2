import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { compact } from '../../lib/useListParams';
import type { SchoolLevel } from '../../api/types';
import { scorecardsKeys } from '../../lib/queryKeys';

export interface RankingFilters {
  framework_id: number;
  school_year: string;
  unit_kind?: SchoolLevel;
  classification?: string;
  limit: number;
  offset: number;
}

export function useRanking(filters: RankingFilters | null) {
  return useQuery({
    queryKey: scorecardsKeys.ranking(filters),
    queryFn: () => call(api.GET('/api/v1/scorecards', { params: { query: compact(filters!) as RankingFilters } })),
    enabled: !!filters,
    placeholderData: keepPreviousData,
  });
}

export function useAggregates(query: { framework_id: number; school_year: string } | null) {
  return useQuery({
    queryKey: scorecardsKeys.aggregates(query),
    queryFn: () => call(api.GET('/api/v1/scorecards/aggregates', { params: { query: query! } })),
    enabled: !!query,
  });
}

export function useScorecard(id: number) {
  return useQuery({
    queryKey: scorecardsKeys.detail(id),
    queryFn: () => call(api.GET('/api/v1/scorecards/{assessment_id}', { params: { path: { assessment_id: id } } })),
  });
}

export function exportUrl(frameworkId: number, schoolYear: string): string {
  return `/api/v1/scorecards/export.xlsx?${new URLSearchParams({ framework_id: String(frameworkId), school_year: schoolYear })}`;
}

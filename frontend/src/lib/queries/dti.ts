/** QĐ 4725 results (the Ministry's digital-transformation index), read beside the movement's scores on
 * the scorecard, the ranking and the dashboard, and entered on the DTI page. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { DtiAssessment } from '../../api/types';
import { dtiKeys } from '../queryKeys';
import { compact } from '../useListParams';

export interface DtiFilters {
  unit_id?: number;
  school_year?: string;
}

export function getDtiIndex() {
  return call(api.GET('/api/v1/dti/index'));
}

export function useDtiIndex() {
  return useQuery(queryOptions({ queryKey: dtiKeys.index(), queryFn: getDtiIndex, staleTime: 60 * 60 * 1000 }));
}

export function getDtiResults(filters: DtiFilters) {
  return call(api.GET('/api/v1/dti/assessments', { params: { query: { ...compact(filters), limit: 200 } } }));
}

export const dtiResultsQueryOptions = (filters: DtiFilters, enabled = true) =>
  queryOptions({
    queryKey: dtiKeys.list(filters),
    queryFn: () => getDtiResults(filters),
    placeholderData: keepPreviousData,
    enabled,
  });

/** The 4725 results of the schools in reach (up to 200), for one school year and/or unit. */
export function useDtiResults(filters: DtiFilters, enabled = true) {
  return useQuery(dtiResultsQueryOptions(filters, enabled));
}

/** Results by unit id, for joining a list of units (the ranking). */
export function byUnit(items: DtiAssessment[] | undefined): Map<number, DtiAssessment> {
  return new Map((items ?? []).map((a) => [a.unit_id, a]));
}

export function getDtiLinked(assessmentId: number) {
  return call(api.GET('/api/v1/dti/linked/{assessment_id}', { params: { path: { assessment_id: assessmentId } } }));
}

/** Which indicators of a movement self-assessment take their value from the school's 4725 result. */
export function useDtiLinked(assessmentId: number | undefined, enabled = true) {
  return useQuery(
    queryOptions({
      queryKey: dtiKeys.linked(assessmentId),
      queryFn: () => getDtiLinked(assessmentId!),
      enabled: enabled && !!assessmentId,
    }),
  );
}

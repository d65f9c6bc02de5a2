/** Frameworks and movements, read by most features (pickers, a framework's indicators). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { FrameworkStatus, SubjectKind } from '../../api/types';
import { frameworksKeys, movementsKeys } from '../queryKeys';
import { compact } from '../useListParams';

export type FrameworkOptionsQuery = { status?: FrameworkStatus; subject_kind?: SubjectKind };

export function getFrameworkOptions(query: FrameworkOptionsQuery) {
  return call(api.GET('/api/v1/frameworks', { params: { query: { ...compact(query), limit: 200 } } }));
}

export const frameworkOptionsQueryOptions = (query: FrameworkOptionsQuery = {}) =>
  queryOptions({
    queryKey: frameworksKeys.options(query),
    queryFn: () => getFrameworkOptions(query),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });

/** Frameworks for pickers (all statuses, up to 200). */
export function useFrameworkOptions(query: FrameworkOptionsQuery = {}) {
  return useQuery(frameworkOptionsQueryOptions(query));
}

export function getFramework(id: number) {
  return call(api.GET('/api/v1/frameworks/{framework_id}', { params: { path: { framework_id: id } } }));
}

export const frameworkQueryOptions = (id: number | undefined) =>
  queryOptions({
    queryKey: frameworksKeys.detail(id),
    queryFn: () => getFramework(id!),
    enabled: !!id,
    staleTime: 30 * 1000,
  });

export function useFramework(id: number | undefined) {
  return useQuery(frameworkQueryOptions(id));
}

export function getMovements() {
  return call(api.GET('/api/v1/movements', { params: { query: { limit: 50 } } }));
}

export const movementsQueryOptions = () =>
  queryOptions({
    queryKey: movementsKeys.all,
    queryFn: getMovements,
    select: (page) => page.items,
    staleTime: 5 * 60 * 1000,
  });

export function useMovements() {
  return useQuery(movementsQueryOptions());
}

import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { Framework, FrameworkDocument, FrameworkStatus, SubjectKind } from '../../../api/types';
import { frameworksKeys } from '../../../lib/queryKeys';
import { putAnswer } from '../../../lib/cache';

export interface FrameworkFilters {
  status?: FrameworkStatus;
  subject_kind?: SubjectKind;
  code?: string;
  limit: number;
  offset: number;
}

export function getFrameworks(filters: FrameworkFilters) {
  return call(api.GET('/api/v1/frameworks', { params: { query: compact(filters) } }));
}

export const frameworksQueryOptions = (filters: FrameworkFilters) =>
  queryOptions({
    queryKey: frameworksKeys.list(filters),
    queryFn: () => getFrameworks(filters),
    placeholderData: keepPreviousData,
  });

export function useFrameworks(filters: FrameworkFilters) {
  return useQuery(frameworksQueryOptions(filters));
}

export function getFrameworkSources() {
  return call(api.GET('/api/v1/frameworks/sources'));
}

export const frameworkSourcesQueryOptions = () =>
  queryOptions({
    queryKey: frameworksKeys.sources(),
    queryFn: () => getFrameworkSources(),
    staleTime: 5 * 60 * 1000,
  });

export function useFrameworkSources() {
  return useQuery(frameworkSourcesQueryOptions());
}

export function useUpdateFramework(framework: Framework | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FrameworkDocument) =>
      call(
        api.PUT('/api/v1/frameworks/{framework_id}', {
          params: { path: { framework_id: framework!.id }, header: ifMatch(framework!.version) },
          body,
        }),
      ),
    onSuccess: (data) => {
      putAnswer(qc, frameworksKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: frameworksKeys.lists() });
    },
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: frameworksKeys.all });
    },
  });
}

export function useFrameworkAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ framework, action }: { framework: Framework; action: 'new_version' | 'activate' }) => {
      const path = { framework_id: framework.id };
      return call(
        action === 'new_version'
          ? api.POST('/api/v1/frameworks/{framework_id}/new-version', { params: { path } })
          : api.POST('/api/v1/frameworks/{framework_id}/activate', { params: { path, header: ifMatch(framework.version) } }),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: frameworksKeys.all }),
  });
}

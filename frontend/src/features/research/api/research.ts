import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import type { components } from '../../../api/schema';
import { compact } from '../../../lib/useListParams';
import { researchSupportKeys } from '../../../lib/queryKeys';

type S = components['schemas'];
export type Support = S['SupportRead'];
export type SupportCreate = S['SupportCreate'];
export type SupportUpdate = S['SupportUpdate'];
export type SupportTotals = S['SupportTotals'];

export interface SupportFilters {
  unit_id?: number;
  school_year?: string;
  limit: number;
  offset: number;
}

export function getSupports(filters: SupportFilters) {
  return call(api.GET('/api/v1/research-supports', { params: { query: compact(filters) } }));
}

export function useSupports(filters: SupportFilters) {
  return useQuery(
    queryOptions({
      queryKey: researchSupportKeys.list(filters),
      queryFn: () => getSupports(filters),
      placeholderData: keepPreviousData,
    }),
  );
}

export function getTotals(filters: { unit_id?: number; school_year?: string }) {
  return call(api.GET('/api/v1/research-supports/totals', { params: { query: compact(filters) } }));
}

export function useTotals(filters: { unit_id?: number; school_year?: string }) {
  return useQuery(queryOptions({ queryKey: researchSupportKeys.totals(filters), queryFn: () => getTotals(filters) }));
}

/** The initiatives the caller may support: those of their school (the API scopes the list). */
export function useSupportableInitiatives(enabled: boolean) {
  return useQuery({
    queryKey: ['research-supports', 'initiatives'] as const,
    queryFn: () => call(api.GET('/api/v1/initiatives', { params: { query: { limit: 200 } } })),
    select: (page) => page.items,
    enabled,
  });
}

export function useCreateSupport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ initiativeId, body }: { initiativeId: number; body: SupportCreate }) =>
      call(
        api.POST('/api/v1/initiatives/{initiative_id}/research-supports', {
          params: { path: { initiative_id: initiativeId } },
          body,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: researchSupportKeys.all }),
  });
}

export function useDeleteSupport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: Support) =>
      call(api.DELETE('/api/v1/research-supports/{support_id}', { params: { path: { support_id: s.id }, header: ifMatch(s.version) } })),
    onSettled: () => void qc.invalidateQueries({ queryKey: researchSupportKeys.all }),
  });
}

export function useUpdateSupport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ support, body }: { support: Support; body: SupportUpdate }) =>
      call(
        api.PATCH('/api/v1/research-supports/{support_id}', {
          params: { path: { support_id: support.id }, header: ifMatch(support.version) },
          body,
        }),
      ),
    onSettled: () => void qc.invalidateQueries({ queryKey: researchSupportKeys.all }),
  });
}

import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { compact } from '../../../lib/useListParams';
import { materialsKeys } from '../../../lib/queryKeys';
import type { MaterialCreate } from '../types';

export interface MaterialFilters {
  q?: string;
  subject?: string;
  grade?: string;
  limit: number;
  offset: number;
}

export const materialsQueryOptions = (filters: MaterialFilters) =>
  queryOptions({
    queryKey: materialsKeys.list(filters),
    queryFn: () => call(api.GET('/api/v1/materials', { params: { query: compact(filters) } })),
    placeholderData: keepPreviousData,
  });

export function useMaterials(filters: MaterialFilters) {
  return useQuery(materialsQueryOptions(filters));
}

export const recognisedQueryOptions = (q: string | undefined) =>
  queryOptions({
    queryKey: materialsKeys.recognised({ q }),
    queryFn: () => call(api.GET('/api/v1/materials/recognised', { params: { query: compact({ q, limit: 50 }) } })),
  });

export function useRecognised(q: string | undefined) {
  return useQuery(recognisedQueryOptions(q));
}

/** Shares a material, then uploads its file when one was chosen. */
export function useShareMaterial() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, file }: { body: MaterialCreate; file: File | null }) => {
      const made = await call(api.POST('/api/v1/materials', { body }));
      if (!file) return made;
      try {
        return await call(
          api.POST('/api/v1/materials/{material_id}/file', {
            params: { path: { material_id: made.id } },
            body: { file: '' },
            bodySerializer: () => {
              const form = new FormData();
              form.append('file', file);
              return form;
            },
          }),
        );
      } catch (e) {
        // a refused file (type, size): the record made a moment ago goes too, so nothing is left half-done
        await call(
          api.DELETE('/api/v1/materials/{material_id}', { params: { path: { material_id: made.id }, header: ifMatch(made.version) } }),
        );
        throw e;
      }
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: materialsKeys.all }),
  });
}

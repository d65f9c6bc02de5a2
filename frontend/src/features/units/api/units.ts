import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { Unit, UnitCreate, UnitKind, UnitUpdate } from '../../../api/types';
import { staffKeys, unitsKeys } from '../../../lib/queryKeys';

export interface UnitFilters {
  q?: string;
  kind?: UnitKind;
  include_inactive?: boolean;
  limit: number;
  offset: number;
}

export function getUnits(filters: UnitFilters) {
  return call(api.GET('/api/v1/units', { params: { query: compact(filters) } }));
}

export const unitsQueryOptions = (filters: UnitFilters) =>
  queryOptions({
    queryKey: unitsKeys.list(filters),
    queryFn: () => getUnits(filters),
    placeholderData: keepPreviousData,
  });

export function useUnits(filters: UnitFilters) {
  return useQuery(unitsQueryOptions(filters));
}

export function getUnit(id: number) {
  return call(api.GET('/api/v1/units/{unit_id}', { params: { path: { unit_id: id } } }));
}

export const unitQueryOptions = (id: number) =>
  queryOptions({
    queryKey: unitsKeys.detail(id),
    queryFn: () => getUnit(id),
  });

export function useUnit(id: number) {
  return useQuery(unitQueryOptions(id));
}

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitCreate) => call(api.POST('/api/v1/units', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: unitsKeys.all }),
  });
}

export function useUpdateUnit(unit: Unit | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitUpdate) =>
      call(
        api.PATCH('/api/v1/units/{unit_id}', {
          params: { path: { unit_id: unit!.id }, header: ifMatch(unit!.version) },
          body,
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: unitsKeys.all });
      void qc.invalidateQueries({ queryKey: staffKeys.all });
    },
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: unitsKeys.all });
    },
  });
}

export type UnitAction = 'deactivate' | 'activate';

export function useUnitAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unit, action }: { unit: Unit; action: UnitAction }) => {
      const init = { params: { path: { unit_id: unit.id }, header: ifMatch(unit.version) } };
      return call(
        action === 'deactivate'
          ? api.POST('/api/v1/units/{unit_id}/deactivate', init)
          : api.POST('/api/v1/units/{unit_id}/activate', init),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: unitsKeys.all }),
  });
}

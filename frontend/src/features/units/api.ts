import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../api/client';
import { isConflict } from '../../lib/errors';
import { compact } from '../../lib/useListParams';
import type { Unit, UnitCreate, UnitKind, UnitUpdate } from '../../api/types';

export interface UnitFilters {
  q?: string;
  kind?: UnitKind;
  include_inactive?: boolean;
  limit: number;
  offset: number;
}

export function useUnits(filters: UnitFilters) {
  return useQuery({
    queryKey: ['units', 'list', filters],
    queryFn: () =>
      call(api.GET('/api/v1/units', { params: { query: compact(filters) } })),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: number) {
  return useQuery({
    queryKey: ['units', 'detail', id],
    queryFn: () => call(api.GET('/api/v1/units/{unit_id}', { params: { path: { unit_id: id } } })),
  });
}

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitCreate) => call(api.POST('/api/v1/units', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['units'] }),
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
      void qc.invalidateQueries({ queryKey: ['units'] });
      void qc.invalidateQueries({ queryKey: ['staff'] });
    },
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: ['units'] });
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
    onSettled: () => qc.invalidateQueries({ queryKey: ['units'] }),
  });
}

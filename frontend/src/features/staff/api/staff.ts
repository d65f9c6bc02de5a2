import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { Staff, StaffCreate, StaffUpdate } from '../../../api/types';
import { staffKeys } from '../../../lib/queryKeys';

export interface StaffFilters {
  q?: string;
  unit_id?: number;
  include_inactive?: boolean;
  limit: number;
  offset: number;
}

export function getStaffList(filters: StaffFilters) {
  return call(api.GET('/api/v1/staff', { params: { query: compact(filters) } }));
}

export const staffListQueryOptions = (filters: StaffFilters) =>
  queryOptions({
    queryKey: staffKeys.list(filters),
    queryFn: () => getStaffList(filters),
    placeholderData: keepPreviousData,
  });

export function useStaffList(filters: StaffFilters) {
  return useQuery(staffListQueryOptions(filters));
}

export function getStaff(id: number) {
  return call(api.GET('/api/v1/staff/{staff_id}', { params: { path: { staff_id: id } } }));
}

export const staffQueryOptions = (id: number) =>
  queryOptions({
    queryKey: staffKeys.detail(id),
    queryFn: () => getStaff(id),
  });

export function useStaff(id: number) {
  return useQuery(staffQueryOptions(id));
}

export function useCreateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffCreate) => call(api.POST('/api/v1/staff', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export function useUpdateStaff(staff: Staff | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffUpdate) =>
      call(
        api.PATCH('/api/v1/staff/{staff_id}', {
          params: { path: { staff_id: staff!.id }, header: ifMatch(staff!.version) },
          body,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: staffKeys.all });
    },
  });
}

export function useStaffAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ staff, action }: { staff: Staff; action: 'deactivate' | 'activate' }) => {
      const init = { params: { path: { staff_id: staff.id }, header: ifMatch(staff.version) } };
      return call(
        action === 'deactivate'
          ? api.POST('/api/v1/staff/{staff_id}/deactivate', init)
          : api.POST('/api/v1/staff/{staff_id}/activate', init),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

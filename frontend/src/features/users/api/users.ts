import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { Role, User, UserCreate, UserUpdate } from '../../../api/types';
import { usersKeys } from '../../../lib/queryKeys';

export interface UserFilters {
  q?: string;
  role?: Role;
  unit_id?: number;
  include_inactive?: boolean;
  limit: number;
  offset: number;
}

export function getUsers(filters: UserFilters) {
  return call(api.GET('/api/v1/users', { params: { query: compact(filters) } }));
}

export const usersQueryOptions = (filters: UserFilters) =>
  queryOptions({
    queryKey: usersKeys.list(filters),
    queryFn: () => getUsers(filters),
    placeholderData: keepPreviousData,
  });

export function useUsers(filters: UserFilters) {
  return useQuery(usersQueryOptions(filters));
}

export function getUser(id: number) {
  return call(api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: id } } }));
}

export const userQueryOptions = (id: number) =>
  queryOptions({
    queryKey: usersKeys.detail(id),
    queryFn: () => getUser(id),
  });

export function useUser(id: number) {
  return useQuery(userQueryOptions(id));
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => call(api.POST('/api/v1/users', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

export function useUpdateUser(user: User | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserUpdate) =>
      call(
        api.PATCH('/api/v1/users/{user_id}', {
          params: { path: { user_id: user!.id }, header: ifMatch(user!.version) },
          body,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKeys.all }),
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: usersKeys.all });
    },
  });
}

export function useUserAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ user, action }: { user: User; action: 'deactivate' | 'activate' }) => {
      const init = { params: { path: { user_id: user.id }, header: ifMatch(user.version) } };
      return call(
        action === 'deactivate'
          ? api.POST('/api/v1/users/{user_id}/deactivate', init)
          : api.POST('/api/v1/users/{user_id}/activate', init),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

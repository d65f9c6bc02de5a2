import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { remindersKeys } from '../../../lib/queryKeys';

export function getReminders() {
  return call(api.GET('/api/v1/reminders'));
}

export const remindersQueryOptions = () =>
  queryOptions({
    queryKey: remindersKeys.all,
    queryFn: () => getReminders(),
    staleTime: 60 * 1000,
  });

export function useReminders() {
  return useQuery(remindersQueryOptions());
}

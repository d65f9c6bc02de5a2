import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { remindersKeys } from '../../lib/queryKeys';

export function useReminders() {
  return useQuery({
    queryKey: remindersKeys.all,
    queryFn: () => call(api.GET('/api/v1/reminders')),
    staleTime: 60 * 1000,
  });
}

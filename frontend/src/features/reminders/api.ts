import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export function useReminders() {
  return useQuery({
    queryKey: ['reminders'],
    queryFn: () => call(api.GET('/api/v1/reminders')),
    staleTime: 60 * 1000,
  });
}

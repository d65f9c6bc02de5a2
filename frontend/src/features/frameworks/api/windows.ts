import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import type { components } from '../../../api/schema';
import { assessmentsKeys, movementsKeys } from '../../../lib/queryKeys';

export type EvaluationWindow = components['schemas']['EvaluationWindowRead'];

export function getWindows(movementId: number) {
  return call(
    api.GET('/api/v1/movements/{movement_id}/evaluation-windows', {
      params: { path: { movement_id: movementId }, query: { limit: 50 } },
    }),
  );
}

export const windowsQueryOptions = (movementId: number | undefined) =>
  queryOptions({
    queryKey: movementsKeys.windows(movementId),
    queryFn: () => getWindows(movementId!),
    enabled: !!movementId,
  });

export function useWindows(movementId: number | undefined) {
  return useQuery(windowsQueryOptions(movementId));
}

export function useUpdateWindow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ window, starts_on, ends_on }: { window: EvaluationWindow; starts_on: string; ends_on: string }) =>
      call(
        api.PUT('/api/v1/movements/{movement_id}/evaluation-windows/{school_year}', {
          params: {
            path: { movement_id: window.movement_id, school_year: window.school_year },
            header: ifMatch(window.version),
          },
          body: { starts_on, ends_on },
        }),
      ),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: movementsKeys.all });
      void qc.invalidateQueries({ queryKey: assessmentsKeys.all });
    },
  });
}

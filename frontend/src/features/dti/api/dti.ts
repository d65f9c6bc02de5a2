import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import type { DtiAssessment, DtiAssessmentCreate, DtiValueIn } from '../../../api/types';
import { assessmentsKeys, dtiKeys, scorecardsKeys } from '../../../lib/queryKeys';

/** A 4725 result feeds the movement indicators that carry a 4725 code: assessments and scorecards go stale. */
function invalidateAll(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: dtiKeys.all });
  void qc.invalidateQueries({ queryKey: assessmentsKeys.all });
  void qc.invalidateQueries({ queryKey: scorecardsKeys.all });
}

export function useCreateDti() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DtiAssessmentCreate) => call(api.POST('/api/v1/dti/assessments', { body })),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useUpdateDti(assessment: DtiAssessment | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (values: DtiValueIn[]) =>
      call(
        api.PUT('/api/v1/dti/assessments/{assessment_id}', {
          params: { path: { assessment_id: assessment!.id }, header: ifMatch(assessment!.version) },
          body: { values },
        }),
      ),
    onSuccess: () => invalidateAll(qc),
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: dtiKeys.all });
    },
  });
}

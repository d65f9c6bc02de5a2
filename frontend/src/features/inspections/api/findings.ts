import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import type {
  Inspection,
  InspectionDecisionIn,
  InspectionFinding,
  InspectionFindingIn,
  InspectionFindingUpdate,
  InspectionPlan,
  InspectionPlanCreate,
  InspectionPlanIssue,
} from '../../../api/types';
import { inspectionPlansKeys, inspectionsKeys } from '../../../lib/queryKeys';
import { putAnswer } from '../../../lib/cache';

export const findingsQueryOptions = (inspectionId: number) =>
  queryOptions({
    queryKey: inspectionsKeys.findings(inspectionId),
    queryFn: () =>
      call(
        api.GET('/api/v1/inspections/{inspection_id}/findings', {
          params: { path: { inspection_id: inspectionId }, query: { limit: 200 } },
        }),
      ),
  });

export function useFindings(inspectionId: number) {
  return useQuery(findingsQueryOptions(inspectionId));
}

export function useAddFinding(inspection: Inspection) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionFindingIn) =>
      call(
        api.POST('/api/v1/inspections/{inspection_id}/findings', {
          params: { path: { inspection_id: inspection.id } },
          body,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: inspectionsKeys.findings(inspection.id) }),
  });
}

export function useUpdateFinding(finding: InspectionFinding) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionFindingUpdate) =>
      call(
        api.PATCH('/api/v1/inspection-findings/{finding_id}', {
          params: { path: { finding_id: finding.id }, header: ifMatch(finding.version) },
          body,
        }),
      ),
    onSettled: () => void qc.invalidateQueries({ queryKey: inspectionsKeys.findings(finding.inspection_id) }),
  });
}

/** The lead's overall conclusions; the inspection closes. */
export function useCloseInspection(inspection: Inspection | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (conclusions: string) =>
      call(
        api.POST('/api/v1/inspections/{inspection_id}/close', {
          params: { path: { inspection_id: inspection!.id }, header: ifMatch(inspection!.version) },
          body: { conclusions },
        }),
      ),
    onSuccess: (data) => {
      putAnswer(qc, inspectionsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: inspectionsKeys.all });
    },
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: inspectionsKeys.all });
    },
  });
}

export function useDecide(inspection: Inspection | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionDecisionIn) =>
      call(
        api.PUT('/api/v1/inspections/{inspection_id}/decision', {
          params: { path: { inspection_id: inspection!.id }, header: ifMatch(inspection!.version) },
          body,
        }),
      ),
    onSuccess: (data) => putAnswer(qc, inspectionsKeys.detail(data.id), data),
  });
}

export function useRecommendations(followUp: 'pending' | 'done') {
  return useQuery({
    queryKey: inspectionsKeys.recommendations(followUp),
    queryFn: () =>
      call(api.GET('/api/v1/inspection-findings', { params: { query: { follow_up: followUp, limit: 200 } } })),
  });
}

export function useReportDone(finding: InspectionFinding) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (note: string) =>
      call(
        api.POST('/api/v1/inspection-findings/{finding_id}/report-done', {
          params: { path: { finding_id: finding.id }, header: ifMatch(finding.version) },
          body: { note },
        }),
      ),
    onSettled: () => void qc.invalidateQueries({ queryKey: inspectionsKeys.all }),
  });
}

export function usePlans() {
  return useQuery({
    queryKey: inspectionPlansKeys.list({}),
    queryFn: () => call(api.GET('/api/v1/inspection-plans', { params: { query: { limit: 50 } } })),
  });
}

export function useCreatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionPlanCreate) => call(api.POST('/api/v1/inspection-plans', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: inspectionPlansKeys.all }),
  });
}

export function useIssuePlan(plan: InspectionPlan) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionPlanIssue) =>
      call(
        api.POST('/api/v1/inspection-plans/{plan_id}/issue', {
          params: { path: { plan_id: plan.id }, header: ifMatch(plan.version) },
          body,
        }),
      ),
    onSettled: () => void qc.invalidateQueries({ queryKey: inspectionPlansKeys.all }),
  });
}

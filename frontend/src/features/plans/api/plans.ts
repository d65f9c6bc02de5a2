import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import { lookupQueryOptions, useLookupNames } from '../../../lib/queries/lookups';
import type { BudgetLine, Plan, PlanContent, PlanCreate, PlanIssue, PlanStatus, PlanUpdate, ReceiptRecord, TaskProgress } from '../../../api/types';
import { frameworksKeys, plansKeys, remindersKeys, unitsKeys } from '../../../lib/queryKeys';
import { putAnswer } from '../../../lib/cache';

export interface PlanFilters {
  unit_id?: number;
  status?: PlanStatus;
  kind?: 'commune' | 'unit';
  limit: number;
  offset: number;
}

export function getPlans(filters: PlanFilters) {
  return call(api.GET('/api/v1/plans', { params: { query: compact(filters) } }));
}

export const plansQueryOptions = (filters: PlanFilters) =>
  queryOptions({
    queryKey: plansKeys.list(filters),
    queryFn: () => getPlans(filters),
    placeholderData: keepPreviousData,
  });

export function usePlans(filters: PlanFilters) {
  return useQuery(plansQueryOptions(filters));
}

export function getPlan(id: number) {
  return call(api.GET('/api/v1/plans/{plan_id}', { params: { path: { plan_id: id } } }));
}

export const planQueryOptions = (id: number) =>
  queryOptions({
    queryKey: plansKeys.detail(id),
    queryFn: () => getPlan(id),
  });

export function usePlan(id: number) {
  return useQuery(planQueryOptions(id));
}

export function getPlanVersions(id: number) {
  return call(api.GET('/api/v1/plans/{plan_id}/versions', { params: { path: { plan_id: id } } }));
}

export const planVersionsQueryOptions = (id: number) =>
  queryOptions({
    queryKey: plansKeys.versions(id),
    queryFn: () => getPlanVersions(id),
  });

export function usePlanVersions(id: number) {
  return useQuery(planVersionsQueryOptions(id));
}

export function getPlanDispatches(id: number) {
  return call(api.GET('/api/v1/plans/{plan_id}/dispatches', { params: { path: { plan_id: id } } }));
}

export const planDispatchesQueryOptions = (id: number) =>
  queryOptions({
    queryKey: plansKeys.dispatches(id),
    queryFn: () => getPlanDispatches(id),
  });

export function usePlanDispatches(id: number) {
  return useQuery(planDispatchesQueryOptions(id));
}

/** The school's manager acknowledges the commune plan: no body, the server records the date. */
export function acknowledgePlan(id: number) {
  return call(api.POST('/api/v1/plans/{plan_id}/acknowledge', { params: { path: { plan_id: id } } }));
}

export function useAcknowledgePlan(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => acknowledgePlan(id),
    onSuccess: (data) => {
      putAnswer(qc, plansKeys.dispatches(id), data);
      void qc.invalidateQueries({ queryKey: plansKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: plansKeys.lists() });
      void qc.invalidateQueries({ queryKey: remindersKeys.all });
    },
  });
}

/** The commune officer records a school's receipt from the document exchange (or corrects one). */
export function recordReceipt(planId: number, unitId: number, body: ReceiptRecord) {
  return call(
    api.PUT('/api/v1/plans/{plan_id}/dispatches/{unit_id}/receipt', {
      params: { path: { plan_id: planId, unit_id: unitId } },
      body,
    }),
  );
}

export function useRecordReceipt(planId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: number; body: ReceiptRecord }) => recordReceipt(planId, unitId, body),
    onSuccess: (data) => {
      putAnswer(qc, plansKeys.dispatches(planId), data);
      void qc.invalidateQueries({ queryKey: plansKeys.allTracking() });
      void qc.invalidateQueries({ queryKey: remindersKeys.all });
    },
  });
}

/** The commune plan's signed and sealed copy (PDF or image). */
export function uploadPlanScan(planId: number, file: File) {
  return call(
    api.POST('/api/v1/plans/{plan_id}/scan', {
      params: { path: { plan_id: planId } },
      body: { file: '' },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file);
        return form;
      },
    }),
  );
}

export function useUploadPlanScan(planId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadPlanScan(planId, file),
    onSuccess: (data) => putAnswer(qc, plansKeys.detail(planId), data),
  });
}

export const planScanUrl = (planId: number) => `/api/v1/plans/${planId}/scan`;

export function useCreatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanCreate) => call(api.POST('/api/v1/plans', { body })),
    onSuccess: (data) => {
      putAnswer(qc, plansKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: plansKeys.lists() });
      void qc.invalidateQueries({ queryKey: remindersKeys.all });
    },
  });
}

type Change =
  | { kind: 'update'; body: PlanUpdate }
  | { kind: 'budget'; lines: BudgetLine[] }
  | { kind: 'submit' }
  | { kind: 'issue'; body: PlanIssue }
  | { kind: 'approve' }
  | { kind: 'return'; comment: string }
  | { kind: 'progress'; index: number; body: TaskProgress }
  | { kind: 'adjust'; reason: string; content: PlanContent }
  | { kind: 'approveAdjustment' }
  | { kind: 'returnAdjustment'; comment: string };

function send(plan: Plan, change: Change) {
  const params = { path: { plan_id: plan.id }, header: ifMatch(plan.version) };
  switch (change.kind) {
    case 'update':
      return call(api.PATCH('/api/v1/plans/{plan_id}', { params, body: change.body }));
    case 'budget':
      return call(api.PUT('/api/v1/plans/{plan_id}/budget-lines', { params, body: { budget_lines: change.lines } }));
    case 'submit':
      return call(api.POST('/api/v1/plans/{plan_id}/submit', { params }));
    case 'issue':
      return call(api.POST('/api/v1/plans/{plan_id}/issue', { params, body: change.body }));
    case 'approve':
      return call(api.POST('/api/v1/plans/{plan_id}/approve', { params }));
    case 'return':
      return call(api.POST('/api/v1/plans/{plan_id}/return', { params, body: { comment: change.comment } }));
    case 'adjust':
      return call(api.POST('/api/v1/plans/{plan_id}/adjustments', { params, body: { reason: change.reason, content: change.content } }));
    case 'approveAdjustment':
      return call(api.POST('/api/v1/plans/{plan_id}/adjustments/approve', { params }));
    case 'returnAdjustment':
      return call(api.POST('/api/v1/plans/{plan_id}/adjustments/return', { params, body: { comment: change.comment } }));
    case 'progress':
      return call(
        api.PUT('/api/v1/plans/{plan_id}/tasks/{task_index}/progress', {
          params: { ...params, path: { plan_id: plan.id, task_index: change.index } },
          body: change.body,
        }),
      );
  }
}

/** Every change of a plan (If-Match with its version; a 412 reloads it). */
export function usePlanChange(plan: Plan | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: Change) => send(plan!, change),
    onSuccess: (data) => {
      putAnswer(qc, plansKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: plansKeys.lists() });
      void qc.invalidateQueries({ queryKey: plansKeys.versions(data.id) });
      void qc.invalidateQueries({ queryKey: plansKeys.dispatches(data.id) });
      void qc.invalidateQueries({ queryKey: plansKeys.allTracking() });
      void qc.invalidateQueries({ queryKey: remindersKeys.all });
    },
    onError: (error) => {
      if (isConflict(error) && plan) void qc.invalidateQueries({ queryKey: plansKeys.detail(plan.id) });
    },
  });
}

type OwnedTask = { owner_staff_id?: number | null; owner_unit_id?: number | null };

/** Staff of a school and of its subject groups, and the subject groups (task owners); the owners the
 * plan's tasks already name are looked up by id too, so a former member or one past the first hundred
 * still shows by name (issue 18.8: the finance office saw "#46"). */
export function useOwnerOptions(schoolId: number | undefined, tasks: readonly OwnedTask[] = []) {
  const staffNames = useLookupNames('staff', tasks.flatMap((t) => (t.owner_staff_id ? [t.owner_staff_id] : [])));
  const unitNames = useLookupNames('units', tasks.flatMap((t) => (t.owner_unit_id ? [t.owner_unit_id] : [])));
  // The look-up, not GET /staff: whoever reads the plan (the finance office too) sees owners by name.
  const staff = useQuery({
    ...lookupQueryOptions('staff', { unit_id: schoolId, limit: 100 }, !!schoolId),
    select: (items) => items.map((i) => ({ id: i.id, full_name: i.label, code: i.detail ?? '' })),
  });
  const groups = useQuery({
    queryKey: unitsKeys.children(schoolId),
    enabled: !!schoolId,
    queryFn: () => call(api.GET('/api/v1/units', { params: { query: { parent_id: schoolId!, limit: 200 } } })),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });
  const listedStaff = staff.data ?? [];
  const listedGroups = groups.data ?? [];
  return {
    staff: [
      ...listedStaff,
      ...[...staffNames]
        .filter(([id]) => !listedStaff.some((s) => s.id === id))
        .map(([id, full_name]) => ({ id, full_name, code: '' })),
    ],
    groups: [
      ...listedGroups,
      ...[...unitNames].filter(([id]) => !listedGroups.some((g) => g.id === id)).map(([id, name]) => ({ id, name })),
    ],
  };
}

/** Indicator codes of the active unit framework (plan targets). */
export function useIndicatorCodes() {
  const list = useQuery({
    queryKey: frameworksKeys.options({ status: 'active', subject_kind: 'unit' }),
    queryFn: () =>
      call(api.GET('/api/v1/frameworks', { params: { query: { status: 'active', subject_kind: 'unit', limit: 200 } } })),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });
  const id = list.data?.[0]?.id;
  const fw = useQuery({
    queryKey: frameworksKeys.detail(id),
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/frameworks/{framework_id}', { params: { path: { framework_id: id! } } })),
    staleTime: 30 * 1000,
  });
  return (fw.data?.criteria ?? []).flatMap((c) => c.indicators.map((i) => ({ code: i.code, name: i.name })));
}

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import type {
  AgreementCreate,
  BudgetAllocationCreate,
  BudgetSource,
  BudgetSourceCreate,
  BudgetSpendingCreate,
  ContributionCreate,
  PartnerCreate,
} from '../../../api/types';
import type { components } from '../../../api/schema';
import { budgetKeys, partnersKeys } from '../../../lib/queryKeys';

type S = components['schemas'];
export type AllocationUpdate = S['AllocationUpdate'];
export type Partner = S['PartnerRead'];
export type PartnerUpdate = S['PartnerUpdate'];
export type Agreement = S['AgreementRead'];
export type AgreementUpdate = S['AgreementUpdate'];
export type Contribution = S['ContributionRead'];
export type ContributionUpdate = S['ContributionUpdate'];

export interface YearFilters {
  movement_id: number;
  school_year: string;
}

export const budgetSourcesQueryOptions = (f: YearFilters) =>
  queryOptions({
    queryKey: budgetKeys.sources(f),
    queryFn: () => call(api.GET('/api/v1/budget/sources', { params: { query: { ...f, limit: 50 } } })),
    select: (page) => page.items,
  });

export function useBudgetSources(f: YearFilters, enabled: boolean) {
  return useQuery({ ...budgetSourcesQueryOptions(f), enabled });
}

export const allocationsQueryOptions = (f: YearFilters) =>
  queryOptions({
    queryKey: budgetKeys.allocations(f),
    queryFn: () => call(api.GET('/api/v1/budget/allocations', { params: { query: { ...f, limit: 200 } } })),
  });

export function useAllocations(f: YearFilters, enabled: boolean) {
  return useQuery({ ...allocationsQueryOptions(f), enabled });
}

export const spendingQueryOptions = (f: YearFilters) =>
  queryOptions({
    queryKey: budgetKeys.spending(f),
    queryFn: () => call(api.GET('/api/v1/budget/spending', { params: { query: { ...f, limit: 200 } } })),
  });

export function useSpending(f: YearFilters, enabled: boolean) {
  return useQuery({ ...spendingQueryOptions(f), enabled });
}

export const summaryQueryOptions = (f: YearFilters) =>
  queryOptions({
    queryKey: budgetKeys.summary(f.movement_id, f.school_year),
    queryFn: () => call(api.GET('/api/v1/budget/summary', { params: { query: f } })),
  });

export function useBudgetSummary(f: YearFilters, enabled: boolean) {
  return useQuery({ ...summaryQueryOptions(f), enabled });
}

function useBudgetMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: budgetKeys.all }),
  });
}

/** Sets a source's amount: creates the year's source, or updates the one there is. */
export function useSaveSource() {
  return useBudgetMutation(
    ({ existing, body }: { existing: BudgetSource | undefined; body: BudgetSourceCreate }) =>
      existing
        ? call(
            api.PATCH('/api/v1/budget/sources/{source_id}', {
              params: { path: { source_id: existing.id }, header: ifMatch(existing.version) },
              body: { amount_vnd: body.amount_vnd, note: body.note },
            }),
          )
        : call(api.POST('/api/v1/budget/sources', { body })),
  );
}

export function useCreateAllocation() {
  return useBudgetMutation((body: BudgetAllocationCreate) => call(api.POST('/api/v1/budget/allocations', { body })));
}

export function useUpdateAllocation() {
  return useBudgetMutation(({ allocation, body }: { allocation: { id: number; version: number }; body: AllocationUpdate }) =>
    call(
      api.PATCH('/api/v1/budget/allocations/{allocation_id}', {
        params: { path: { allocation_id: allocation.id }, header: ifMatch(allocation.version) },
        body,
      }),
    ),
  );
}

export function useDeleteAllocation() {
  return useBudgetMutation((allocation: { id: number; version: number }) =>
    call(
      api.DELETE('/api/v1/budget/allocations/{allocation_id}', {
        params: { path: { allocation_id: allocation.id }, header: ifMatch(allocation.version) },
      }),
    ),
  );
}

export function useRecordSpending() {
  return useBudgetMutation(({ allocationId, body }: { allocationId: number; body: BudgetSpendingCreate }) =>
    call(
      api.POST('/api/v1/budget/allocations/{allocation_id}/spending', {
        params: { path: { allocation_id: allocationId } },
        body,
      }),
    ),
  );
}

/** A document (invoice, contract, minutes) attached to a spending record. */
export function useAttachDocument() {
  return useBudgetMutation(({ spendingId, file }: { spendingId: number; file: File }) =>
    call(
      api.POST('/api/v1/budget/spending/{spending_id}/documents', {
        params: { path: { spending_id: spendingId } },
        body: { file: '' },
        bodySerializer: () => {
          const form = new FormData();
          form.append('file', file);
          return form;
        },
      }),
    ),
  );
}

// ---------------------------------------------------------------- partners

export const partnersQueryOptions = () =>
  queryOptions({
    queryKey: partnersKeys.list({}),
    queryFn: () => call(api.GET('/api/v1/partners', { params: { query: { limit: 200 } } })),
  });

export function usePartners() {
  return useQuery(partnersQueryOptions());
}

function usePartnerMutation<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: partnersKeys.all });
      void qc.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}

export function useCreatePartner() {
  return usePartnerMutation((body: PartnerCreate) => call(api.POST('/api/v1/partners', { body })));
}

export function useAddAgreement() {
  return usePartnerMutation(({ partnerId, body }: { partnerId: number; body: AgreementCreate }) =>
    call(api.POST('/api/v1/partners/{partner_id}/agreements', { params: { path: { partner_id: partnerId } }, body })),
  );
}

export function useAddContribution() {
  return usePartnerMutation(({ partnerId, body }: { partnerId: number; body: ContributionCreate }) =>
    call(api.POST('/api/v1/partners/{partner_id}/contributions', { params: { path: { partner_id: partnerId } }, body })),
  );
}

export function useUpdatePartner() {
  return usePartnerMutation(({ partner, body }: { partner: Partner; body: PartnerUpdate }) =>
    call(
      api.PATCH('/api/v1/partners/{partner_id}', {
        params: { path: { partner_id: partner.id }, header: ifMatch(partner.version) },
        body,
      }),
    ),
  );
}

export function useDeletePartner() {
  return usePartnerMutation((partner: Partner) =>
    call(api.DELETE('/api/v1/partners/{partner_id}', { params: { path: { partner_id: partner.id }, header: ifMatch(partner.version) } })),
  );
}

export function useUpdateAgreement() {
  return usePartnerMutation(({ partnerId, agreement, body }: { partnerId: number; agreement: Agreement; body: AgreementUpdate }) =>
    call(
      api.PATCH('/api/v1/partners/{partner_id}/agreements/{agreement_id}', {
        params: { path: { partner_id: partnerId, agreement_id: agreement.id }, header: ifMatch(agreement.version) },
        body,
      }),
    ),
  );
}

export function useDeleteAgreement() {
  return usePartnerMutation(({ partnerId, agreement }: { partnerId: number; agreement: Agreement }) =>
    call(
      api.DELETE('/api/v1/partners/{partner_id}/agreements/{agreement_id}', {
        params: { path: { partner_id: partnerId, agreement_id: agreement.id }, header: ifMatch(agreement.version) },
      }),
    ),
  );
}

export function useUpdateContribution() {
  return usePartnerMutation(
    ({ partnerId, contribution, body }: { partnerId: number; contribution: Contribution; body: ContributionUpdate }) =>
      call(
        api.PATCH('/api/v1/partners/{partner_id}/contributions/{contribution_id}', {
          params: { path: { partner_id: partnerId, contribution_id: contribution.id }, header: ifMatch(contribution.version) },
          body,
        }),
      ),
  );
}

export function useDeleteContribution() {
  return usePartnerMutation(({ partnerId, contribution }: { partnerId: number; contribution: Contribution }) =>
    call(
      api.DELETE('/api/v1/partners/{partner_id}/contributions/{contribution_id}', {
        params: { path: { partner_id: partnerId, contribution_id: contribution.id }, header: ifMatch(contribution.version) },
      }),
    ),
  );
}

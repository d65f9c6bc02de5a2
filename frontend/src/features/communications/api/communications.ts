import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { compact } from '../../../lib/useListParams';
import { commsKeys, infoCornersKeys, proposalsKeys, publicKeys, storiesKeys } from '../../../lib/queryKeys';
import type { Channel, CommsOutputCreate, CommsPlan, CommsPlanCreate, Proposal, ProposalCreate, ProposalStatus, ProposalUpdate } from '../types';
import { putAnswer } from '../../../lib/cache';

// ---------------------------------------------------------------- plan and log

export const plansQueryOptions = (schoolYear: string) =>
  queryOptions({
    queryKey: commsKeys.plans(schoolYear),
    queryFn: () => call(api.GET('/api/v1/communications/plans', { params: { query: { school_year: schoolYear } } })),
    enabled: !!schoolYear,
  });

export function usePlanOfYear(schoolYear: string) {
  return useQuery(plansQueryOptions(schoolYear));
}

export interface OutputFilters {
  plan_id?: number;
  channel?: Channel;
  q?: string;
  limit: number;
  offset: number;
}

export const outputsQueryOptions = (filters: OutputFilters) =>
  queryOptions({
    queryKey: commsKeys.outputs(filters),
    queryFn: () => call(api.GET('/api/v1/communications/outputs', { params: { query: compact(filters) } })),
    placeholderData: keepPreviousData,
    enabled: filters.plan_id !== undefined,
  });

export function useOutputs(filters: OutputFilters) {
  return useQuery(outputsQueryOptions(filters));
}

export function useCreatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CommsPlanCreate) => call(api.POST('/api/v1/communications/plans', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: commsKeys.all }),
  });
}

export function useUpdateTargets(plan: CommsPlan | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (targets: CommsPlanCreate['targets']) =>
      call(
        api.PATCH('/api/v1/communications/plans/{plan_id}', {
          params: { path: { plan_id: plan!.id }, header: ifMatch(plan!.version) },
          body: { targets },
        }),
      ),
    onSettled: () => void qc.invalidateQueries({ queryKey: commsKeys.all }),
  });
}

/** Logs an output, then attaches its file when one was chosen. */
export function useLogOutput() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, file }: { body: CommsOutputCreate; file: File | null }) => {
      const made = await call(api.POST('/api/v1/communications/outputs', { body }));
      if (!file) return made;
      try {
        return await call(
          api.POST('/api/v1/communications/outputs/{output_id}/file', {
            params: { path: { output_id: made.id } },
            body: { file: '' },
            bodySerializer: () => {
              const form = new FormData();
              form.append('file', file);
              return form;
            },
          }),
        );
      } catch (e) {
        // a refused file (type, size): the record made a moment ago goes too, so nothing is left half-done
        await call(
          api.DELETE('/api/v1/communications/outputs/{output_id}', { params: { path: { output_id: made.id }, header: ifMatch(made.version) } }),
        );
        throw e;
      }
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: commsKeys.all }),
  });
}

// ---------------------------------------------------------------- story proposals

export interface ProposalFilters {
  status?: ProposalStatus;
  limit: number;
  offset: number;
}

export const proposalsQueryOptions = (filters: ProposalFilters) =>
  queryOptions({
    queryKey: proposalsKeys.list(filters),
    queryFn: () => call(api.GET('/api/v1/story-proposals', { params: { query: compact(filters) } })),
    placeholderData: keepPreviousData,
  });

export function useProposals(filters: ProposalFilters) {
  return useQuery(proposalsQueryOptions(filters));
}

export const proposalQueryOptions = (id: number) =>
  queryOptions({
    queryKey: proposalsKeys.detail(id),
    queryFn: () => call(api.GET('/api/v1/story-proposals/{proposal_id}', { params: { path: { proposal_id: id } } })),
  });

export function useProposal(id: number) {
  return useQuery(proposalQueryOptions(id));
}

function invalidateProposals(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: proposalsKeys.all });
  void qc.invalidateQueries({ queryKey: storiesKeys.all });
  void qc.invalidateQueries({ queryKey: publicKeys.all });
}

export function useCreateProposal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProposalCreate) => call(api.POST('/api/v1/story-proposals', { body })),
    onSuccess: () => invalidateProposals(qc),
  });
}

export function useUpdateProposal(p: Proposal | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProposalUpdate) =>
      call(
        api.PATCH('/api/v1/story-proposals/{proposal_id}', {
          params: { path: { proposal_id: p!.id }, header: ifMatch(p!.version) },
          body,
        }),
      ),
    // the answer is the new version: kept at once, so the next action sends its If-Match
    onSuccess: (saved) => putAnswer(qc, proposalsKeys.detail(saved.id), saved),
    onSettled: () => invalidateProposals(qc),
  });
}

export type ProposalAction = 'submit' | 'publish' | 'return';

export function useProposalAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ p, action, note }: { p: Proposal; action: ProposalAction; note?: string }) => {
      const init = { params: { path: { proposal_id: p.id }, header: ifMatch(p.version) } };
      if (action === 'return')
        return call(api.POST('/api/v1/story-proposals/{proposal_id}/return', { ...init, body: { note: note ?? '' } }));
      return call(
        action === 'submit'
          ? api.POST('/api/v1/story-proposals/{proposal_id}/submit', init)
          : api.POST('/api/v1/story-proposals/{proposal_id}/publish', init),
      );
    },
    onSuccess: (saved) => putAnswer(qc, proposalsKeys.detail(saved.id), saved),
    onSettled: () => invalidateProposals(qc),
  });
}

// ---------------------------------------------------------------- info corners

export const cornersQueryOptions = () =>
  queryOptions({
    queryKey: infoCornersKeys.all,
    queryFn: () => call(api.GET('/api/v1/info-corners', { params: { query: { limit: 200 } } })),
  });

export function useInfoCorners() {
  return useQuery(cornersQueryOptions());
}

export function useSaveCorner(unitId: number, version: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { url: string; title: string }) =>
      call(
        api.PUT('/api/v1/info-corners/{unit_id}', {
          params: { path: { unit_id: unitId }, header: version ? ifMatch(version) : { 'If-Match': '*' } },
          body,
        }),
      ),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: infoCornersKeys.all });
      void qc.invalidateQueries({ queryKey: publicKeys.all });
    },
  });
}

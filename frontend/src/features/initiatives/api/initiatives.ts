import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { Initiative, InitiativeCreate, InitiativeKind, InitiativeUpdate, RecognitionIn, RecognitionLevel } from '../types';
import { initiativesKeys, nominationsKeys } from '../../../lib/queryKeys';

export interface InitiativeFilters {
  unit_id?: number;
  school_year?: string;
  kind?: InitiativeKind;
  recognised?: boolean;
  recognition_level?: RecognitionLevel;
  q?: string;
  limit: number;
  offset: number;
}

export function getInitiatives(filters: InitiativeFilters) {
  // `recognised=false` is a real filter: compact() would drop it
  return call(
    api.GET('/api/v1/initiatives', {
      params: { query: { ...compact(filters), ...(filters.recognised === false ? { recognised: false } : {}) } },
    }),
  );
}

export const initiativesQueryOptions = (filters: InitiativeFilters) =>
  queryOptions({
    queryKey: initiativesKeys.list(filters),
    queryFn: () => getInitiatives(filters),
    placeholderData: keepPreviousData,
  });

export function useInitiatives(filters: InitiativeFilters) {
  return useQuery(initiativesQueryOptions(filters));
}

export function getInitiative(id: number) {
  return call(api.GET('/api/v1/initiatives/{initiative_id}', { params: { path: { initiative_id: id } } }));
}

export const initiativeQueryOptions = (id: number) =>
  queryOptions({
    queryKey: initiativesKeys.detail(id),
    queryFn: () => getInitiative(id),
  });

export function useInitiative(id: number) {
  return useQuery(initiativeQueryOptions(id));
}

/** Recognised initiatives feed award eligibility: nominations may read them too. */
function invalidateAll(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: initiativesKeys.all });
  void qc.invalidateQueries({ queryKey: nominationsKeys.all });
}

function onConflict(qc: ReturnType<typeof useQueryClient>) {
  return (error: unknown) => {
    if (isConflict(error)) void qc.invalidateQueries({ queryKey: initiativesKeys.all });
  };
}

export function useCreateInitiative() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InitiativeCreate) => call(api.POST('/api/v1/initiatives', { body })),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useUpdateInitiative(initiative: Initiative | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InitiativeUpdate) =>
      call(
        api.PATCH('/api/v1/initiatives/{initiative_id}', {
          params: { path: { initiative_id: initiative!.id }, header: ifMatch(initiative!.version) },
          body,
        }),
      ),
    onSuccess: () => invalidateAll(qc),
    onError: onConflict(qc),
  });
}

export function useDeleteInitiative() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (initiative: Initiative) =>
      call(
        api.DELETE('/api/v1/initiatives/{initiative_id}', {
          params: { path: { initiative_id: initiative.id }, header: ifMatch(initiative.version) },
        }),
      ),
    onSuccess: () => {
      // not the deleted initiative's own page (it would be fetched again and answer 404)
      void qc.invalidateQueries({ queryKey: initiativesKeys.lists() });
      void qc.invalidateQueries({ queryKey: nominationsKeys.all });
    },
    onError: onConflict(qc),
  });
}

export function useRecognise(initiative: Initiative | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RecognitionIn) =>
      call(
        api.POST('/api/v1/initiatives/{initiative_id}/recognition', {
          params: { path: { initiative_id: initiative!.id }, header: ifMatch(initiative!.version) },
          body,
        }),
      ),
    onSuccess: () => invalidateAll(qc),
    onError: onConflict(qc),
  });
}

export function useWithdrawRecognition(initiative: Initiative | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(
        api.DELETE('/api/v1/initiatives/{initiative_id}/recognition', {
          params: { path: { initiative_id: initiative!.id }, header: ifMatch(initiative!.version) },
        }),
      ),
    onSuccess: () => invalidateAll(qc),
    onError: onConflict(qc),
  });
}

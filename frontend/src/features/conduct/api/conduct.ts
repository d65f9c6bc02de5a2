import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { Flag, FlagCreate, FlagKind, FlagUpdate, StaffRating, StaffRatingCreate, StaffRatingUpdate } from '../types';
import { conductKeys, nominationsKeys } from '../../../lib/queryKeys';

export interface RatingFilters {
  unit_id?: number;
  school_year?: string;
  limit: number;
  offset: number;
}

export interface FlagFilters {
  unit_id?: number;
  kind?: FlagKind;
  open?: boolean;
  limit: number;
  offset: number;
}

type ConductKind = 'ratings' | 'flags';

/** Ratings and flags are read by award eligibility rules: nominations are stale after a change. */
function invalidate(qc: ReturnType<typeof useQueryClient>, key: ConductKind) {
  void qc.invalidateQueries({ queryKey: conductKeys.kind(key) });
  void qc.invalidateQueries({ queryKey: nominationsKeys.all });
}

function onConflict(qc: ReturnType<typeof useQueryClient>, key: ConductKind) {
  return (error: unknown) => {
    if (isConflict(error)) void qc.invalidateQueries({ queryKey: conductKeys.kind(key) });
  };
}

// --- staff ratings ---

export function getRatings(filters: RatingFilters) {
  return call(api.GET('/api/v1/staff-ratings', { params: { query: compact(filters) } }));
}

export const ratingsQueryOptions = (filters: RatingFilters) =>
  queryOptions({
    queryKey: conductKeys.list('ratings', filters),
    queryFn: () => getRatings(filters),
    placeholderData: keepPreviousData,
  });

export function useRatings(filters: RatingFilters) {
  return useQuery(ratingsQueryOptions(filters));
}

export function useCreateRating() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffRatingCreate) => call(api.POST('/api/v1/staff-ratings', { body })),
    onSuccess: () => invalidate(qc, 'ratings'),
  });
}

export function useUpdateRating() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ rating, body }: { rating: StaffRating; body: StaffRatingUpdate }) =>
      call(
        api.PATCH('/api/v1/staff-ratings/{rating_id}', {
          params: { path: { rating_id: rating.id }, header: ifMatch(rating.version) },
          body,
        }),
      ),
    onSuccess: () => invalidate(qc, 'ratings'),
    onError: onConflict(qc, 'ratings'),
  });
}

export function useDeleteRating() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rating: StaffRating) =>
      call(
        api.DELETE('/api/v1/staff-ratings/{rating_id}', {
          params: { path: { rating_id: rating.id }, header: ifMatch(rating.version) },
        }),
      ),
    onSuccess: () => invalidate(qc, 'ratings'),
    onError: onConflict(qc, 'ratings'),
  });
}

// --- disciplinary measures and security incidents ---

export function getFlags(filters: FlagFilters) {
  // `open=false` (closed ones) is a real filter: compact() would drop it
  return call(
    api.GET('/api/v1/flags', {
      params: { query: { ...compact(filters), ...(filters.open === false ? { open: false } : {}) } },
    }),
  );
}

export const flagsQueryOptions = (filters: FlagFilters) =>
  queryOptions({
    queryKey: conductKeys.list('flags', filters),
    queryFn: () => getFlags(filters),
    placeholderData: keepPreviousData,
  });

export function useFlags(filters: FlagFilters) {
  return useQuery(flagsQueryOptions(filters));
}

export function useCreateFlag() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FlagCreate) => call(api.POST('/api/v1/flags', { body })),
    onSuccess: () => invalidate(qc, 'flags'),
  });
}

export function useUpdateFlag() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ flag, body }: { flag: Flag; body: FlagUpdate }) =>
      call(
        api.PATCH('/api/v1/flags/{flag_id}', {
          params: { path: { flag_id: flag.id }, header: ifMatch(flag.version) },
          body,
        }),
      ),
    onSuccess: () => invalidate(qc, 'flags'),
    onError: onConflict(qc, 'flags'),
  });
}

export function useDeleteFlag() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (flag: Flag) =>
      call(
        api.DELETE('/api/v1/flags/{flag_id}', {
          params: { path: { flag_id: flag.id }, header: ifMatch(flag.version) },
        }),
      ),
    onSuccess: () => invalidate(qc, 'flags'),
    onError: onConflict(qc, 'flags'),
  });
}

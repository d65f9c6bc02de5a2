import { useEffect, useState } from 'react';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { AwardLevel } from '../../../api/types';
import type {
  ApproveInput,
  EligibilityPreview,
  Nomination,
  NominationCreate,
  NominationReviewInput,
  NominationStatus,
  NominationUpdate,
} from '../types';
import { assessmentsKeys, initiativesKeys, nominationsKeys, staffKeys } from '../../../lib/queryKeys';
import { putAnswer } from '../../../lib/cache';

export interface NominationFilters {
  round_id?: number;
  status?: NominationStatus;
  level?: AwardLevel;
  unit_id?: number;
  q?: string;
  awaiting_me?: boolean;
  limit: number;
  offset: number;
}

export function getNominations(filters: NominationFilters) {
  return call(api.GET('/api/v1/nominations', { params: { query: compact(filters) } }));
}

export const nominationsQueryOptions = (filters: NominationFilters) =>
  queryOptions({
    queryKey: nominationsKeys.list(filters),
    queryFn: () => getNominations(filters),
    placeholderData: keepPreviousData,
  });

export function useNominations(filters: NominationFilters) {
  return useQuery(nominationsQueryOptions(filters));
}

export function getNomination(id: number) {
  return call(api.GET('/api/v1/nominations/{nomination_id}', { params: { path: { nomination_id: id } } }));
}

export const nominationQueryOptions = (id: number) =>
  queryOptions({
    queryKey: nominationsKeys.detail(id),
    queryFn: () => getNomination(id),
  });

/** One nomination; the server re-evaluates its eligibility on every read while it is open. */
export function useNomination(id: number) {
  return useQuery(nominationQueryOptions(id));
}

export function getRoundOptions() {
  return call(api.GET('/api/v1/award-rounds', { params: { query: { limit: 200 } } }));
}

export const roundOptionsQueryOptions = () =>
  queryOptions({
    queryKey: nominationsKeys.roundOptions(),
    queryFn: () => getRoundOptions(),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });

/** Award rounds for select boxes (up to the API maximum of 200). */
export function useRoundOptions() {
  return useQuery(roundOptionsQueryOptions());
}

export function getRoundMeetings(roundId: number) {
  return call(api.GET('/api/v1/council-meetings', { params: { query: { round_id: roundId, limit: 200 } } }));
}

export const roundMeetingsQueryOptions = (roundId: number, enabled: boolean) =>
  queryOptions({
    queryKey: nominationsKeys.roundMeetings(roundId),
    enabled,
    queryFn: () => getRoundMeetings(roundId),
    select: (page) => page.items,
  });

/** Council meetings of a round (the review form's meeting select). */
export function useRoundMeetings(roundId: number, enabled: boolean) {
  return useQuery(roundMeetingsQueryOptions(roundId, enabled));
}

export function getStaffMember(id: number | null) {
  return call(api.GET('/api/v1/staff/{staff_id}', { params: { path: { staff_id: id! } } }));
}

export const staffMemberQueryOptions = (id: number | null) =>
  queryOptions({
    queryKey: staffKeys.detail(id),
    enabled: !!id,
    queryFn: () => getStaffMember(id),
    staleTime: 30 * 1000,
  });

/** One staff member (to find the unit their own self-assessments are filed under). */
export function useStaffMember(id: number | null) {
  return useQuery(staffMemberQueryOptions(id));
}

/**
 * Recognised initiatives the nominee can cite: a person's own (as author or co-author), or a
 * collective's (the unit and its subject groups).
 */
export function useNomineeInitiatives(subject: { unitId: number | null; staffId: number | null; individual: boolean }) {
  const query = subject.individual
    ? subject.staffId
      ? { staff_id: subject.staffId, recognised: true, limit: 200 }
      : null
    : subject.unitId
      ? { unit_id: subject.unitId, recognised: true, limit: 200 }
      : null;
  return useQuery({
    queryKey: initiativesKeys.nominee(query),
    enabled: query !== null,
    queryFn: () => call(api.GET('/api/v1/initiatives', { params: { query: query! } })),
    select: (page) => page.items,
    staleTime: 30 * 1000,
  });
}

/**
 * The nominee's own self-assessments: the unit's, or the person's (filed under the person's unit).
 * `unitId` is the unit the assessments are filed under.
 */
export function useNomineeAssessments(subject: { unitId: number | null; staffId: number | null; individual: boolean }) {
  const ready = !!subject.unitId && (!subject.individual || !!subject.staffId);
  return useQuery({
    queryKey: assessmentsKeys.nominee(subject),
    enabled: ready,
    queryFn: () =>
      call(
        api.GET('/api/v1/self-assessments', {
          params: {
            query: { unit_id: subject.unitId!, subject_kind: subject.individual ? 'individual' : 'unit', limit: 200 },
          },
        }),
      ),
    select: (page) => page.items.filter((a) => !subject.individual || a.staff_id === subject.staffId),
    staleTime: 30 * 1000,
  });
}

/** `value`, once it has stopped changing for `ms` milliseconds (compared by its JSON). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const json = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(json) as T), ms);
    return () => clearTimeout(timer);
  }, [json, ms]);
  return settled;
}

/**
 * The eligibility engine's dry run for a nominee being prepared (stores nothing), debounced: asked
 * again whenever the request settles on a new value; nothing is asked while it is null.
 */
export function useEligibilityPreview(request: EligibilityPreview | null) {
  const settled = useDebounced(request, 400);
  const query = useQuery({
    queryKey: nominationsKeys.eligibility(settled),
    enabled: settled !== null,
    queryFn: () => call(api.POST('/api/v1/nominations/eligibility', { body: settled! })),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 0,
  });
  const waiting = request !== null && JSON.stringify(request) !== JSON.stringify(settled);
  return { ...query, checking: waiting || query.isFetching };
}

export function useCreateNomination() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NominationCreate) => call(api.POST('/api/v1/nominations', { body })),
    onSuccess: (data) => {
      putAnswer(qc, nominationsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: nominationsKeys.lists() });
      void qc.invalidateQueries({ queryKey: nominationsKeys.allRoundOptions });
    },
  });
}

export type NominationChange =
  | { kind: 'update'; body: NominationUpdate }
  | { kind: 'submit' }
  | { kind: 'withdraw' }
  | { kind: 'review'; body: NominationReviewInput }
  | { kind: 'approve'; body: ApproveInput }
  | { kind: 'reject'; reason: string }
  | { kind: 'reopenAssessment'; assessmentId: number; reason: string };

function send(n: Nomination, change: NominationChange) {
  const params = { path: { nomination_id: n.id }, header: ifMatch(n.version) };
  switch (change.kind) {
    case 'update':
      return call(api.PATCH('/api/v1/nominations/{nomination_id}', { params, body: change.body }));
    case 'submit':
      return call(api.POST('/api/v1/nominations/{nomination_id}/submit', { params }));
    case 'withdraw':
      return call(api.POST('/api/v1/nominations/{nomination_id}/withdraw', { params }));
    case 'review':
      return call(api.POST('/api/v1/nominations/{nomination_id}/review', { params, body: change.body }));
    case 'approve':
      return call(api.POST('/api/v1/nominations/{nomination_id}/approve', { params, body: change.body }));
    case 'reject':
      return call(api.POST('/api/v1/nominations/{nomination_id}/reject', { params, body: { reason: change.reason } }));
    case 'reopenAssessment':
      return call(
        api.POST('/api/v1/nominations/{nomination_id}/reopen-assessment', {
          params,
          body: { assessment_id: change.assessmentId, reason: change.reason },
        }),
      );
  }
}

/** Every change of a nomination (If-Match with its version; a 412 reloads it). */
export function useNominationChange(n: Nomination | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: NominationChange) => send(n!, change),
    onSuccess: (data) => {
      putAnswer(qc, nominationsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: nominationsKeys.lists() });
      void qc.invalidateQueries({ queryKey: nominationsKeys.allRoundOptions });
      void qc.invalidateQueries({ queryKey: nominationsKeys.allRoundMeetings });
    },
    onError: (error) => {
      if (isConflict(error) && n) void qc.invalidateQueries({ queryKey: nominationsKeys.detail(n.id) });
    },
  });
}

export function useDeleteNomination() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (n: Nomination) =>
      call(
        api.DELETE('/api/v1/nominations/{nomination_id}', {
          params: { path: { nomination_id: n.id }, header: ifMatch(n.version) },
        }),
      ),
    onSuccess: () => {
      // not the deleted nomination's own page (it would be fetched again and answer 404)
      void qc.invalidateQueries({ queryKey: nominationsKeys.lists() });
      void qc.invalidateQueries({ queryKey: nominationsKeys.allRoundOptions });
    },
    onError: (error, n) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: nominationsKeys.detail(n.id) });
    },
  });
}

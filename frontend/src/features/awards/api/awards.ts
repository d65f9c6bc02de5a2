import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type {
  BaseSalaryCreate,
  Achievement,
  AchievementCreate,
  AwardDecision,
  AwardDecisionCreate,
  AwardDecisionUpdate,
  AwardLevel,
  AwardRound,
  AwardRoundCreate,
  AwardRoundUpdate,
  AwardSubjectKind,
  AwardType,
  AwardTypeDocument,
  CouncilMeeting,
  CouncilMeetingCreate,
  CouncilMeetingUpdate,
  ProvinceAnswer,
  RoundKind,
} from '../../../api/types';
import { achievementsKeys, awardDecisionsKeys, awardRoundsKeys, awardTypesKeys, councilMeetingsKeys, frameworksKeys, nominationsKeys, staffKeys } from '../../../lib/queryKeys';
import { putAnswer } from '../../../lib/cache';

type QueryClient = ReturnType<typeof useQueryClient>;

// --- award types ----------------------------------------------------------------------------------

export interface AwardTypeFilters {
  code?: string;
  status?: string;
  level?: AwardLevel;
  subject_kind?: AwardSubjectKind;
  limit: number;
  offset: number;
}

export function getAwardTypes(filters: AwardTypeFilters) {
  return call(api.GET('/api/v1/award-types', { params: { query: compact(filters) } }));
}

export const awardTypesQueryOptions = (filters: AwardTypeFilters) =>
  queryOptions({
    queryKey: awardTypesKeys.list(filters),
    queryFn: () => getAwardTypes(filters),
    placeholderData: keepPreviousData,
  });

export function useAwardTypes(filters: AwardTypeFilters) {
  return useQuery(awardTypesQueryOptions(filters));
}

export function getAwardTypeOptions(status?: 'draft' | 'active' | 'retired') {
  return call(api.GET('/api/v1/award-types', { params: { query: status ? { status, limit: 200 } : { limit: 200 } } }));
}

export const awardTypeOptionsQueryOptions = (status?: 'draft' | 'active' | 'retired') =>
  queryOptions({
    queryKey: awardTypesKeys.options(status),
    queryFn: () => getAwardTypeOptions(status),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });

/** Award types for pickers and code suggestions (up to 200, every status unless asked). */
export function useAwardTypeOptions(status?: 'draft' | 'active' | 'retired') {
  return useQuery(awardTypeOptionsQueryOptions(status));
}

export function getAwardType(id: number | undefined) {
  return call(api.GET('/api/v1/award-types/{award_type_id}', { params: { path: { award_type_id: id! } } }));
}

export const awardTypeQueryOptions = (id: number | undefined) =>
  queryOptions({
    queryKey: awardTypesKeys.detail(id),
    enabled: !!id,
    queryFn: () => getAwardType(id),
  });

export function useAwardType(id: number | undefined) {
  return useQuery(awardTypeQueryOptions(id));
}

/** POST for a new award type, PUT (If-Match) for an existing draft. */
export function useSaveAwardType(existing: AwardType | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AwardTypeDocument) =>
      call(
        existing
          ? api.PUT('/api/v1/award-types/{award_type_id}', {
              params: { path: { award_type_id: existing.id }, header: ifMatch(existing.version) },
              body,
            })
          : api.POST('/api/v1/award-types', { body }),
      ),
    onSuccess: (data) => {
      putAnswer(qc, awardTypesKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: awardTypesKeys.lists() });
      void qc.invalidateQueries({ queryKey: awardTypesKeys.allOptions() });
    },
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: awardTypesKeys.all });
    },
  });
}

export function useAwardTypeAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ awardType, action }: { awardType: AwardType; action: 'new_version' | 'activate' }) => {
      const path = { award_type_id: awardType.id };
      return call(
        action === 'new_version'
          ? api.POST('/api/v1/award-types/{award_type_id}/new-version', { params: { path } })
          : api.POST('/api/v1/award-types/{award_type_id}/activate', { params: { path, header: ifMatch(awardType.version) } }),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: awardTypesKeys.all }),
  });
}

/** Indicator codes of the active framework of the award's subject (suggestions for indicator rules). */
export function useIndicatorSuggestions(subject: AwardSubjectKind, enabled: boolean) {
  const subject_kind = subject === 'collective' ? 'unit' : 'individual';
  const list = useQuery({
    queryKey: frameworksKeys.options({ status: 'active', subject_kind }),
    enabled,
    queryFn: () => call(api.GET('/api/v1/frameworks', { params: { query: { status: 'active', subject_kind, limit: 200 } } })),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });
  const id = list.data?.[0]?.id;
  const fw = useQuery({
    queryKey: frameworksKeys.detail(id),
    enabled: enabled && !!id,
    queryFn: () => call(api.GET('/api/v1/frameworks/{framework_id}', { params: { path: { framework_id: id! } } })),
    staleTime: 30 * 1000,
  });
  return (fw.data?.criteria ?? []).flatMap((c) => c.indicators.map((i) => ({ code: i.code, name: i.name })));
}

// --- rounds ---------------------------------------------------------------------------------------

export function getAwardRounds(filters: { kind?: RoundKind; limit: number; offset: number }) {
  return call(api.GET('/api/v1/award-rounds', { params: { query: compact(filters) } }));
}

export const awardRoundsQueryOptions = (filters: { kind?: RoundKind; limit: number; offset: number }) =>
  queryOptions({
    queryKey: awardRoundsKeys.list(filters),
    queryFn: () => getAwardRounds(filters),
    placeholderData: keepPreviousData,
  });

export function useAwardRounds(filters: { kind?: RoundKind; limit: number; offset: number }) {
  return useQuery(awardRoundsQueryOptions(filters));
}

export function getAwardRoundOptions() {
  return call(api.GET('/api/v1/award-rounds', { params: { query: { limit: 200 } } }));
}

export const awardRoundOptionsQueryOptions = (enabled = true) =>
  queryOptions({
    queryKey: awardRoundsKeys.options(),
    enabled,
    queryFn: () => getAwardRoundOptions(),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });

/** Rounds for pickers (newest first as the API lists them). */
export function useAwardRoundOptions(enabled = true) {
  return useQuery(awardRoundOptionsQueryOptions(enabled));
}

export function getAwardRound(id: number) {
  return call(api.GET('/api/v1/award-rounds/{round_id}', { params: { path: { round_id: id } } }));
}

export const awardRoundQueryOptions = (id: number) =>
  queryOptions({
    queryKey: awardRoundsKeys.detail(id),
    queryFn: () => getAwardRound(id),
  });

export function useAwardRound(id: number) {
  return useQuery(awardRoundQueryOptions(id));
}

export function useCreateAwardRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AwardRoundCreate) => call(api.POST('/api/v1/award-rounds', { body })),
    onSuccess: (data) => {
      putAnswer(qc, awardRoundsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: awardRoundsKeys.lists() });
      void qc.invalidateQueries({ queryKey: awardRoundsKeys.options() });
    },
  });
}

export function useUpdateAwardRound(round: AwardRound | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AwardRoundUpdate) =>
      call(
        api.PATCH('/api/v1/award-rounds/{round_id}', {
          params: { path: { round_id: round!.id }, header: ifMatch(round!.version) },
          body,
        }),
      ),
    onSuccess: (data) => {
      putAnswer(qc, awardRoundsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: awardRoundsKeys.lists() });
      void qc.invalidateQueries({ queryKey: awardRoundsKeys.options() });
    },
    onError: (error) => {
      if (isConflict(error) && round) void qc.invalidateQueries({ queryKey: awardRoundsKeys.detail(round.id) });
    },
  });
}

// --- council meetings -----------------------------------------------------------------------------

export function getCouncilMeetings(filters: { round_id?: number; limit: number; offset: number }) {
  return call(api.GET('/api/v1/council-meetings', { params: { query: compact(filters) } }));
}

export const councilMeetingsQueryOptions = (filters: { round_id?: number; limit: number; offset: number }) =>
  queryOptions({
    queryKey: councilMeetingsKeys.list(filters),
    queryFn: () => getCouncilMeetings(filters),
    placeholderData: keepPreviousData,
  });

export function useCouncilMeetings(filters: { round_id?: number; limit: number; offset: number }) {
  return useQuery(councilMeetingsQueryOptions(filters));
}

export function getCouncilMeeting(id: number) {
  return call(api.GET('/api/v1/council-meetings/{meeting_id}', { params: { path: { meeting_id: id } } }));
}

export const councilMeetingQueryOptions = (id: number) =>
  queryOptions({
    queryKey: councilMeetingsKeys.detail(id),
    queryFn: () => getCouncilMeeting(id),
  });

export function useCouncilMeeting(id: number) {
  return useQuery(councilMeetingQueryOptions(id));
}

export function useCreateCouncilMeeting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CouncilMeetingCreate) => call(api.POST('/api/v1/council-meetings', { body })),
    onSuccess: (data) => {
      putAnswer(qc, councilMeetingsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: councilMeetingsKeys.lists() });
    },
  });
}

export function useUpdateCouncilMeeting(meeting: CouncilMeeting | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CouncilMeetingUpdate) =>
      call(
        api.PATCH('/api/v1/council-meetings/{meeting_id}', {
          params: { path: { meeting_id: meeting!.id }, header: ifMatch(meeting!.version) },
          body,
        }),
      ),
    onSuccess: (data) => {
      putAnswer(qc, councilMeetingsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: councilMeetingsKeys.lists() });
    },
    onError: (error) => {
      if (isConflict(error) && meeting) void qc.invalidateQueries({ queryKey: councilMeetingsKeys.detail(meeting.id) });
    },
  });
}

// --- decisions ------------------------------------------------------------------------------------

export interface DecisionFilters {
  round_id?: number;
  status?: string;
  kind?: string;
  limit: number;
  offset: number;
}

export function getAwardDecisions(filters: DecisionFilters) {
  return call(api.GET('/api/v1/award-decisions', { params: { query: compact(filters) } }));
}

export const awardDecisionsQueryOptions = (filters: DecisionFilters) =>
  queryOptions({
    queryKey: awardDecisionsKeys.list(filters),
    queryFn: () => getAwardDecisions(filters),
    placeholderData: keepPreviousData,
  });

export function useAwardDecisions(filters: DecisionFilters) {
  return useQuery(awardDecisionsQueryOptions(filters));
}

export function getAwardDecision(id: number) {
  return call(api.GET('/api/v1/award-decisions/{decision_id}', { params: { path: { decision_id: id } } }));
}

export const awardDecisionQueryOptions = (id: number) =>
  queryOptions({
    queryKey: awardDecisionsKeys.detail(id),
    queryFn: () => getAwardDecision(id),
  });

export function useAwardDecision(id: number) {
  return useQuery(awardDecisionQueryOptions(id));
}

/** A decision changes nominations (and creates achievements): those lists are stale too. */
function invalidateAfterDecision(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: awardDecisionsKeys.lists() });
  void qc.invalidateQueries({ queryKey: nominationsKeys.all });
  void qc.invalidateQueries({ queryKey: achievementsKeys.all });
  void qc.invalidateQueries({ queryKey: awardRoundsKeys.all });
}

export function useCreateAwardDecision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AwardDecisionCreate) => call(api.POST('/api/v1/award-decisions', { body })),
    onSuccess: (data) => {
      putAnswer(qc, awardDecisionsKeys.detail(data.id), data);
      invalidateAfterDecision(qc);
    },
  });
}

type DecisionChange =
  | { kind: 'update'; body: AwardDecisionUpdate }
  | { kind: 'issue' }
  | { kind: 'answer'; body: ProvinceAnswer };

/** Every change of a decision (If-Match with its version; a 412 reloads it). */
export function useDecisionChange(decision: AwardDecision | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: DecisionChange) => {
      const params = { path: { decision_id: decision!.id }, header: ifMatch(decision!.version) };
      switch (change.kind) {
        case 'update':
          return call(api.PATCH('/api/v1/award-decisions/{decision_id}', { params, body: change.body }));
        case 'issue':
          return call(api.POST('/api/v1/award-decisions/{decision_id}/issue', { params }));
        case 'answer':
          return call(api.POST('/api/v1/award-decisions/{decision_id}/province-answer', { params, body: change.body }));
      }
    },
    onSuccess: (data) => {
      putAnswer(qc, awardDecisionsKeys.detail(data.id), data);
      invalidateAfterDecision(qc);
    },
    onError: (error) => {
      if (isConflict(error) && decision) void qc.invalidateQueries({ queryKey: awardDecisionsKeys.detail(decision.id) });
    },
  });
}

export function useDeleteAwardDecision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (decision: AwardDecision) =>
      call(
        api.DELETE('/api/v1/award-decisions/{decision_id}', {
          params: { path: { decision_id: decision.id }, header: ifMatch(decision.version) },
        }),
      ),
    // not the deleted decision's own page (it would be fetched again and answer 404)
    onSuccess: () => invalidateAfterDecision(qc),
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: awardDecisionsKeys.all });
    },
  });
}

export function getApprovedNominations(roundId: number | undefined, level: AwardLevel) {
  return call(
    api.GET('/api/v1/nominations', {
      params: { query: { round_id: roundId!, status: 'approved', level, limit: 200 } },
    }),
  );
}

export const approvedNominationsQueryOptions = (roundId: number | undefined, level: AwardLevel) =>
  queryOptions({
    queryKey: nominationsKeys.approvedForDecision(roundId, level),
    enabled: !!roundId,
    queryFn: () => getApprovedNominations(roundId, level),
    select: (page) => page.items.filter((n) => n.decision_id === null),
  });

/** Approved nominations of a round and level that no decision holds yet (what a new decision can grant). */
export function useApprovedNominations(roundId: number | undefined, level: AwardLevel) {
  return useQuery(approvedNominationsQueryOptions(roundId, level));
}

// --- achievements ---------------------------------------------------------------------------------

export interface AchievementFilters {
  school_year?: string;
  award_type_code?: string;
  unit_id?: number;
  limit: number;
  offset: number;
}

export function getAchievements(filters: AchievementFilters) {
  return call(api.GET('/api/v1/achievements', { params: { query: compact(filters) } }));
}

export const achievementsQueryOptions = (filters: AchievementFilters) =>
  queryOptions({
    queryKey: achievementsKeys.list(filters),
    queryFn: () => getAchievements(filters),
    placeholderData: keepPreviousData,
  });

export function useAchievements(filters: AchievementFilters) {
  return useQuery(achievementsQueryOptions(filters));
}

export function useCreateAchievement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AchievementCreate) => call(api.POST('/api/v1/achievements', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: achievementsKeys.all }),
  });
}

export function useDeleteAchievement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: Achievement) =>
      call(
        api.DELETE('/api/v1/achievements/{achievement_id}', {
          params: { path: { achievement_id: a.id }, header: ifMatch(a.version) },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: achievementsKeys.all }),
  });
}

export function getUnitStaff(unitId: number | null) {
  return call(api.GET('/api/v1/staff', { params: { query: { unit_id: unitId!, limit: 200 } } }));
}

export const unitStaffQueryOptions = (unitId: number | null) =>
  queryOptions({
    queryKey: staffKeys.ofUnit(unitId),
    enabled: !!unitId,
    queryFn: () => getUnitStaff(unitId),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });

/** Staff of a unit (for the subject of a hand-entered achievement). */
export function useUnitStaff(unitId: number | null) {
  return useQuery(unitStaffQueryOptions(unitId));
}

// --- files ----------------------------------------------------------------------------------------

export const fileUrls = {
  minutes: (meetingId: number) => `/api/v1/council-meetings/${meetingId}/minutes.docx`,
  decisionDocument: (decisionId: number) => `/api/v1/award-decisions/${decisionId}/document.docx`,
  decisionList: (decisionId: number) => `/api/v1/award-decisions/${decisionId}/list.xlsx`,
  certificate: (achievementId: number) => `/api/v1/achievements/${achievementId}/certificate.pdf`,
};

/** The hồ sơ of a Tờ trình (the proposal, its list, each nominee's report and evidence): built by the
 * job queue, followed with lib/queries/generatedFiles. */
export function startDossier(decisionId: number) {
  return call(api.POST('/api/v1/award-decisions/{decision_id}/dossier', { params: { path: { decision_id: decisionId } } }));
}

// --- cash rewards (Phòng Kinh tế) -------------------------------------------------------------------

export function getCashTotals(roundId?: number) {
  return call(api.GET('/api/v1/award-decisions/cash-totals', { params: { query: roundId ? { round_id: roundId } : {} } }));
}

export const cashTotalsQueryOptions = (roundId?: number) =>
  queryOptions({
    queryKey: awardDecisionsKeys.cashTotals(roundId),
    queryFn: () => getCashTotals(roundId),
    placeholderData: keepPreviousData,
  });

export function useCashTotals(roundId?: number) {
  return useQuery(cashTotalsQueryOptions(roundId));
}

export function getBaseSalaries() {
  return call(api.GET('/api/v1/award-types/base-salaries'));
}

export const baseSalariesQueryOptions = () => queryOptions({ queryKey: awardTypesKeys.baseSalaries(), queryFn: getBaseSalaries });

export function useBaseSalaries() {
  return useQuery(baseSalariesQueryOptions());
}

/** A new base salary from a date on (the officer; decided amounts never change). */
export function useCreateBaseSalary() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BaseSalaryCreate) => call(api.POST('/api/v1/award-types/base-salaries', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: awardTypesKeys.baseSalaries() }),
  });
}

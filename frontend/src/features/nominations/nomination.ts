/**
 * Pure helpers of the nomination screens (no React): the form state and what changing one field
 * clears, when the nominee is complete enough to ask the eligibility engine, the request and the
 * body sent, a summary of the engine's outcomes, and the mapping of problem paths to fields.
 * Eligibility itself is decided by the server only; nothing here re-derives a rule.
 */
import type { ProblemDetails } from '../../api/problem';
import type { AwardRound, Unit } from '../../api/types';
import type {
  EligibilityPreview,
  EligibilityResult,
  Nomination,
  NominationCreate,
  NominationReviewInput,
  OfferedAward,
} from './types';

export interface NominationDraft {
  roundId: number | null;
  awardCode: string;
  unitId: number | null;
  staffId: number | null;
  initiativeIds: number[];
  assessmentIds: number[];
  justification: string;
}

export function emptyDraft(unitId: number | null = null): NominationDraft {
  return { roundId: null, awardCode: '', unitId, staffId: null, initiativeIds: [], assessmentIds: [], justification: '' };
}

/** Open rounds first, then the most recent (by opening date, then id). */
export function sortRounds<R extends Pick<AwardRound, 'id' | 'is_open' | 'opens_on'>>(rounds: readonly R[]): R[] {
  return [...rounds].sort(
    (a, b) =>
      Number(b.is_open) - Number(a.is_open) || b.opens_on.localeCompare(a.opens_on) || b.id - a.id,
  );
}

/** The award types a round offers that can be nominated for (a retired type has no subject kind). */
export function offeredAwards(round: Pick<AwardRound, 'award_types'> | null | undefined): OfferedAward[] {
  return (round?.award_types ?? []).filter((a) => a.subject_kind !== null && a.subject_kind !== undefined);
}

export function findAward(round: Pick<AwardRound, 'award_types'> | null | undefined, code: string): OfferedAward | undefined {
  return code ? offeredAwards(round).find((a) => a.code === code) : undefined;
}

export function isIndividual(award: Pick<OfferedAward, 'subject_kind'> | null | undefined): boolean {
  return award?.subject_kind === 'individual';
}

/**
 * The draft after one change, with what the change makes meaningless cleared: a new round drops an
 * award it does not offer; a new subject kind, unit or staff member drops the person and the linked
 * achievements (they belong to the previous nominee).
 */
export function changeDraft(
  draft: NominationDraft,
  change: Partial<NominationDraft>,
  rounds: readonly Pick<AwardRound, 'id' | 'award_types'>[],
): NominationDraft {
  const next = { ...draft, ...change };
  const round = rounds.find((r) => r.id === next.roundId);
  if (next.awardCode && !findAward(round, next.awardCode)) next.awardCode = '';
  const before = findAward(rounds.find((r) => r.id === draft.roundId), draft.awardCode);
  const after = findAward(round, next.awardCode);
  if (!isIndividual(after)) next.staffId = null;
  else if (next.unitId !== draft.unitId && !('staffId' in change)) next.staffId = null;
  const subjectChanged =
    next.unitId !== draft.unitId ||
    next.staffId !== draft.staffId ||
    (before?.subject_kind ?? null) !== (after?.subject_kind ?? null);
  if (subjectChanged) {
    if (!('initiativeIds' in change)) next.initiativeIds = [];
    if (!('assessmentIds' in change)) next.assessmentIds = [];
  }
  return next;
}

/**
 * The dry-run request for the eligibility engine, or null while the nominee is incomplete:
 * a round, an award it offers, a unit, and a staff member exactly when the award is individual.
 */
export function eligibilityRequest(
  draft: NominationDraft,
  round: Pick<AwardRound, 'id' | 'award_types'> | null | undefined,
): EligibilityPreview | null {
  if (!round || draft.roundId !== round.id) return null;
  const award = findAward(round, draft.awardCode);
  if (!award || !draft.unitId) return null;
  const individual = isIndividual(award);
  if (individual && !draft.staffId) return null;
  return {
    round_id: round.id,
    award_type_code: award.code,
    unit_id: draft.unitId,
    staff_id: individual ? draft.staffId : null,
    initiative_ids: uniqueSorted(draft.initiativeIds),
  };
}

/** POST /nominations body, or null while the nominee is incomplete. */
export function createBody(
  draft: NominationDraft,
  round: Pick<AwardRound, 'id' | 'award_types'> | null | undefined,
): NominationCreate | null {
  const request = eligibilityRequest(draft, round);
  if (!request) return null;
  return { ...request, assessment_ids: uniqueSorted(draft.assessmentIds), justification: draft.justification.trim() };
}

function uniqueSorted(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

export function toggleId(ids: readonly number[], id: number, on: boolean): number[] {
  const rest = ids.filter((x) => x !== id);
  return on ? [...rest, id] : rest;
}

export interface EligibilitySummary {
  eligible: boolean;
  total: number;
  passed: number;
  failed: number;
  failedReasons: string[];
}

/** Counts of the engine's outcomes (the overall verdict is the engine's own `eligible`). */
export function summarise(result: Pick<EligibilityResult, 'eligible' | 'outcomes'>): EligibilitySummary {
  const failed = result.outcomes.filter((o) => !o.passed);
  return {
    eligible: result.eligible,
    total: result.outcomes.length,
    passed: result.outcomes.length - failed.length,
    failed: failed.length,
    failedReasons: failed.map((o) => o.reason),
  };
}

/** Units a nominee can be chosen from: schools for a collective award, any unit but a subject group for a person. */
export function unitChoices(
  units: readonly Pick<Unit, 'id' | 'kind' | 'is_active' | 'name'>[],
  award: Pick<OfferedAward, 'subject_kind'> | null | undefined,
  ownUnitId: number | null,
): { value: string; label: string }[] {
  return units
    .filter((u) => u.is_active || u.id === ownUnitId)
    .filter((u) => (isIndividual(award) ? u.kind !== 'subject_group' || u.id === ownUnitId : u.kind === 'school' || u.id === ownUnitId))
    .map((u) => ({ value: String(u.id), label: u.name }));
}

/**
 * Problem field errors keyed by the path below the body: "body.override_reason" → "override_reason",
 * "body.initiative_ids.2" → "initiative_ids.2". Several messages for one key are joined.
 */
export function nominationFieldErrors(problem: ProblemDetails | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const err of problem?.errors ?? []) {
    const parts = err.path.split('.');
    if (parts[0] !== 'body' || parts.length < 2 || !parts[1]) continue;
    const key = parts.slice(1).join('.');
    out[key] = out[key] ? `${out[key]} ${err.message}` : err.message;
  }
  return out;
}

/** The error of the item with this id, when `sent` is the list that was sent. */
export function itemError(errors: Record<string, string>, field: string, sent: readonly number[], id: number): string | undefined {
  const i = sent.indexOf(id);
  return i < 0 ? undefined : errors[`${field}.${i}`];
}

/** Messages of every key under `field` ("initiative_ids", "initiative_ids.0", …), for a banner. */
export function errorsUnder(errors: Record<string, string>, field: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === field || k.startsWith(`${field}.`))
    .map(([, v]) => v);
}

export const REASON_MIN_LENGTH = 10;

/** A reason the API will accept (rejection, override of a failed rule): at least 10 characters. */
export function reasonLongEnough(reason: string): boolean {
  return reason.trim().length >= REASON_MIN_LENGTH;
}

/**
 * Whether the approval form asks for an override reason: the latest eligibility (the server's) is not
 * met, or the server refused an approval for the lack of one (it re-evaluates when approving).
 */
export function needsOverride(n: Pick<Nomination, 'eligibility'>, errors: Record<string, string>): boolean {
  return !n.eligibility.eligible || 'override_reason' in errors;
}

export interface ReviewForm {
  meetingId: string;
  votesFor: string;
  votesCast: string;
  comment: string;
}

const wholeNumber = (s: string): number | null => (/^\s*\d+\s*$/.test(s) ? Number(s) : null);

/** The council's vote as sent, or the names of the fields that are missing or not whole numbers. */
export function reviewBody(form: ReviewForm): { body: NominationReviewInput } | { missing: (keyof ReviewForm)[] } {
  const meeting = wholeNumber(form.meetingId);
  const votesFor = wholeNumber(form.votesFor);
  const votesCast = wholeNumber(form.votesCast);
  const missing: (keyof ReviewForm)[] = [];
  if (!meeting) missing.push('meetingId');
  if (votesFor === null) missing.push('votesFor');
  if (votesCast === null) missing.push('votesCast');
  if (missing.length || meeting === null || votesFor === null || votesCast === null) return { missing };
  return { body: { meeting_id: meeting, votes_for: votesFor, votes_cast: votesCast, comment: form.comment.trim() } };
}

/** "7/9 (77,78%)" — the council's vote, or null before the review. */
export function voteText(n: Pick<Nomination, 'votes_for' | 'votes_cast' | 'vote_share_percent'>, decimalComma: boolean): string | null {
  if (n.votes_cast === null || n.votes_cast === undefined) return null;
  const share = n.vote_share_percent ?? null;
  const shown = share === null ? '' : ` (${decimalComma ? share.replace('.', ',') : share}%)`;
  return `${n.votes_for ?? 0}/${n.votes_cast}${shown}`;
}

/**
 * Short names for the nomination schemas (kept next to the feature so that src/api/types.ts, edited by
 * the awards administration at the same time, does not need to change; move them there when convenient).
 */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type Nomination = S['NominationRead'];
export type NominationCreate = S['NominationCreate'];
export type NominationUpdate = S['NominationUpdate'];
export type EligibilityPreview = S['EligibilityPreview'];
export type EligibilityResult = S['EligibilityResult'];
export type RuleOutcome = S['RuleOutcome'];
export type OfferedAward = S['OfferedAward'];
export type ApproveInput = S['ApproveInput'];
export type RejectInput = S['RejectInput'];
export type NominationReviewInput = S['thidua__awards__schemas__ReviewInput'];
export type LinkedInitiative = S['LinkedInitiative'];
export type LinkedAssessment = S['LinkedAssessment'];
export type Initiative = S['InitiativeRead'];

/** The statuses the list can be filtered by (the API's pattern). */
export const NOMINATION_STATUSES = ['draft', 'submitted', 'reviewed', 'approved', 'rejected', 'proposed', 'decided'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

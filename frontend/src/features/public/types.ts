/** Short names for the public (no sign-in) schemas. */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type HonourBoardItem = S['HonourBoardItem'];
export type PublicRound = S['PublicRound'];
export type PublicStorySummary = S['PublicStorySummary'];
export type PublicStory = S['PublicStory'];
export type PublicResultSummary = S['PublicResultSummary'];
export type PublicResult = S['PublicResult'];
export type PublicResultRow = S['PublicResultRow'];
export type CertificateCheck = S['CertificateCheck'];
export type PublicCriteria = S['PublicCriteria'];
export type PublicAwardType = S['PublicAwardType'];
export type PublicFramework = S['PublicFramework'];
export type PublicCommune = S['PublicCommune'];
export type HonourLevel = S['AwardLevel'];

export const HONOUR_LEVELS = ['unit', 'commune', 'province'] as const satisfies readonly HonourLevel[];
export const HONOUR_SUBJECT_KINDS = ['collective', 'individual'] as const;
export type HonourSubjectKind = (typeof HONOUR_SUBJECT_KINDS)[number];

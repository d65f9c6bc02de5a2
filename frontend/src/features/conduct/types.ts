/** Short names for the conduct schemas (staff ratings, disciplinary and incident flags). */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type StaffRating = S['StaffRatingRead'];
export type StaffRatingCreate = S['StaffRatingCreate'];
export type StaffRatingUpdate = S['StaffRatingUpdate'];
export type StaffRatingValue = S['StaffRatingValue'];
export type Flag = S['FlagRead'];
export type FlagCreate = S['FlagCreate'];
export type FlagUpdate = S['FlagUpdate'];
export type FlagKind = S['FlagKind'];
export type DisciplineSeverity = S['DisciplineSeverity'];

export const RATING_VALUES = ['excellent', 'good', 'completed', 'not_completed'] as const satisfies readonly StaffRatingValue[];
export const FLAG_KINDS = ['disciplinary', 'security_incident'] as const satisfies readonly FlagKind[];
export const SEVERITIES = ['reprimand', 'warning', 'demotion', 'dismissal'] as const satisfies readonly DisciplineSeverity[];

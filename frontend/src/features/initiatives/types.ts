/**
 * Short names for the initiative schemas (kept next to the feature so that src/api/types.ts, edited by
 * other features at the same time, does not need to change).
 */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type Initiative = S['InitiativeRead'];
export type InitiativeCreate = S['InitiativeCreate'];
export type InitiativeUpdate = S['InitiativeUpdate'];
export type InitiativeKind = S['InitiativeKind'];
export type RecognitionLevel = S['RecognitionLevel'];
export type RecognitionIn = S['RecognitionIn'];
export type AuthorIn = S['AuthorIn'];
export type AuthorOut = S['AuthorOut'];

export const INITIATIVE_KINDS = ['initiative', 'solution', 'research', 'digital_material', 'article'] as const satisfies readonly InitiativeKind[];
export const RECOGNITION_LEVELS = ['unit', 'commune', 'province'] as const satisfies readonly RecognitionLevel[];

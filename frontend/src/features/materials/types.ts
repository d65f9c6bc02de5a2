/** Short names for the shared library's schemas. */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type Material = S['MaterialRead'];
export type MaterialCreate = S['MaterialCreate'];
export type Licence = S['Licence'];
export type RecognisedMaterial = S['RecognisedMaterial'];

export const LICENCES = ['cc_by', 'cc_by_sa', 'cc_by_nc', 'cc0', 'internal'] as const satisfies readonly Licence[];

/** What the server accepts as a material file (it checks the content, not the name). */
export const MATERIAL_ACCEPT = '.pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg';

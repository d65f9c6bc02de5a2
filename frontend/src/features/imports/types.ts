/** Short names for the bulk import / export schemas (tag "integrations" of the API). */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type ImportKind = S['KindInfo'];
export type ImportColumn = S['ColumnInfo'];
export type ImportKindName = S['ImportKindName'];
export type FileFormat = S['FileFormat'];
export type TemplateFormat = S['TemplateFormat'];
export type Strategy = S['Strategy'];
export type ImportSummary = S['ImportSummary'];
export type RowError = S['RowError'];
export type ImportJob = S['ImportJobRead'];
export type JobStatus = ImportJob['status'];

export const FILE_FORMATS = ['csv', 'xlsx', 'json'] as const satisfies readonly FileFormat[];
export const TEMPLATE_FORMATS = ['csv', 'xlsx'] as const satisfies readonly TemplateFormat[];
/** In the order offered on the page: the default (both) first. */
export const STRATEGIES = ['create_and_update', 'create', 'update'] as const satisfies readonly Strategy[];
export const IMPORT_KINDS = [
  'units',
  'staff',
  'users',
  'assessment_entries',
  'activities',
  'initiatives',
] as const satisfies readonly ImportKindName[];

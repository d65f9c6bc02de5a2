/** Short names for the generated schema types (only this file knows the schema names). */
import type { components } from './schema';

type S = components['schemas'];

export type Me = S['Me'];
export type Unit = S['UnitRead'];
export type UnitCreate = S['UnitCreate'];
export type UnitUpdate = S['UnitUpdate'];
export type Staff = S['StaffRead'];
export type StaffCreate = S['StaffCreate'];
export type StaffUpdate = S['StaffUpdate'];
export type User = S['UserRead'];
export type UserCreate = S['UserCreate'];
export type UserUpdate = S['UserUpdate'];
export type AuditEvent = S['AuditEventRead'];
export type Role = S['Role'];

export type UnitKind = S['UnitKind'];
export type SchoolLevel = S['SchoolLevel'];

export const UNIT_KINDS = ['commune', 'office', 'school', 'subject_group'] as const satisfies readonly UnitKind[];
export const SCHOOL_LEVELS = ['preschool', 'primary', 'lower_secondary', 'inter_level'] as const satisfies readonly SchoolLevel[];
export const ROLES = [
  'admin',
  'commune_officer',
  'commune_leader',
  'inspector',
  'communications',
  'finance',
  'unit_manager',
  'staff',
  'integration',
] as const satisfies readonly Role[];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

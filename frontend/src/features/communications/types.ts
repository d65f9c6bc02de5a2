/** Short names for the communications schemas. */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type CommsPlan = S['CommsPlanRead'];
export type CommsPlanCreate = S['CommsPlanCreate'];
export type CommsOutput = S['CommsOutputRead'];
export type CommsOutputCreate = S['CommsOutputCreate'];
export type Channel = S['Channel'];
export type Proposal = S['ProposalRead'];
export type ProposalCreate = S['ProposalCreate'];
export type ProposalUpdate = S['ProposalUpdate'];
export type ProposalStatus = Proposal['status'];
export type InfoCorner = S['InfoCornerRead'];

export const CHANNELS = [
  'radio',
  'portal',
  'social',
  'bulletin',
  'video',
  'conference',
  'school_website',
] as const satisfies readonly Channel[];

export const PROPOSAL_STATUSES = ['draft', 'submitted', 'returned', 'published'] as const satisfies readonly ProposalStatus[];

/** What the server accepts as an output file (it checks the content, not the name). */
export const FILE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx';

/** Short names for the story and result publication schemas. */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type Story = S['StoryRead'];
export type StoryCreate = S['StoryCreate'];
export type StoryUpdate = S['StoryUpdate'];
export type StoryImage = S['StoryImageRead'];
export type StoryStatus = Story['status'];
export type Publication = S['PublicationRead'];
export type PublicationCreate = S['PublicationCreate'];
export type Achievement = S['AchievementRead'];

export const STORY_STATUSES = ['draft', 'published'] as const satisfies readonly StoryStatus[];

/** What the server accepts for a story image (it checks the file's content, not its name). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
export const IMAGE_ACCEPT = '.png,.jpg,.jpeg,image/png,image/jpeg';
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

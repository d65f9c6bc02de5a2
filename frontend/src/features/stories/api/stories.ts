import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { PublicationCreate, Story, StoryCreate, StoryStatus, StoryUpdate } from '../types';
import { publicKeys, publicationsKeys, storiesKeys } from '../../../lib/queryKeys';

export interface StoryFilters {
  status?: StoryStatus;
  q?: string;
  limit: number;
  offset: number;
}

/** Published stories show on the public pages too. */
function invalidateAll(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: storiesKeys.all });
  void qc.invalidateQueries({ queryKey: publicKeys.all });
}

function onConflict(qc: ReturnType<typeof useQueryClient>) {
  return (error: unknown) => {
    if (isConflict(error)) void qc.invalidateQueries({ queryKey: storiesKeys.all });
  };
}

export function getStories(filters: StoryFilters) {
  return call(api.GET('/api/v1/stories', { params: { query: compact(filters) } }));
}

export const storiesQueryOptions = (filters: StoryFilters) =>
  queryOptions({
    queryKey: storiesKeys.list(filters),
    queryFn: () => getStories(filters),
    placeholderData: keepPreviousData,
  });

export function useStories(filters: StoryFilters) {
  return useQuery(storiesQueryOptions(filters));
}

export function getStory(id: number) {
  return call(api.GET('/api/v1/stories/{story_id}', { params: { path: { story_id: id } } }));
}

export const storyQueryOptions = (id: number) =>
  queryOptions({
    queryKey: storiesKeys.detail(id),
    queryFn: () => getStory(id),
  });

export function useStory(id: number) {
  return useQuery(storyQueryOptions(id));
}

export function useCreateStory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StoryCreate) => call(api.POST('/api/v1/stories', { body })),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useUpdateStory(story: Story | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StoryUpdate) =>
      call(
        api.PATCH('/api/v1/stories/{story_id}', {
          params: { path: { story_id: story!.id }, header: ifMatch(story!.version) },
          body,
        }),
      ),
    onSuccess: () => invalidateAll(qc),
    onError: onConflict(qc),
  });
}

export function useDeleteStory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (story: Story) =>
      call(api.DELETE('/api/v1/stories/{story_id}', { params: { path: { story_id: story.id }, header: ifMatch(story.version) } })),
    onSuccess: () => {
      // not the deleted story's own page (it would be fetched again and answer 404)
      void qc.invalidateQueries({ queryKey: storiesKeys.lists() });
      void qc.invalidateQueries({ queryKey: publicKeys.all });
    },
    onError: onConflict(qc),
  });
}

export type StoryAction = 'publish' | 'unpublish';

export function useStoryAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ story, action }: { story: Story; action: StoryAction }) => {
      const init = { params: { path: { story_id: story.id }, header: ifMatch(story.version) } };
      return call(
        action === 'publish'
          ? api.POST('/api/v1/stories/{story_id}/publish', init)
          : api.POST('/api/v1/stories/{story_id}/unpublish', init),
      );
    },
    onSuccess: () => invalidateAll(qc),
    onError: onConflict(qc),
  });
}

export function useUploadImage(storyId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, caption }: { file: File; caption: string }) =>
      call(
        api.POST('/api/v1/stories/{story_id}/images', {
          params: { path: { story_id: storyId } },
          body: { file: '', caption },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file);
            form.append('caption', caption);
            return form;
          },
        }),
      ),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useDeleteImage(storyId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (imageId: number) =>
      call(api.DELETE('/api/v1/stories/{story_id}/images/{image_id}', { params: { path: { story_id: storyId, image_id: imageId } } })),
    onSuccess: () => invalidateAll(qc),
  });
}

export function getIssuedAchievements(schoolYear: string) {
  return call(api.GET('/api/v1/achievements', { params: { query: { ...compact({ school_year: schoolYear }), limit: 200 } } }));
}

export const issuedAchievementsQueryOptions = (schoolYear: string) =>
  queryOptions({
    queryKey: storiesKeys.achievements(schoolYear),
    queryFn: () => getIssuedAchievements(schoolYear),
    select: (page) => page.items.filter((a) => !!a.verification_code),
    staleTime: 30 * 1000,
  });

/** Achievements that may be featured: only those issued by a decision (they carry a verification code). */
export function useIssuedAchievements(schoolYear: string) {
  return useQuery(issuedAchievementsQueryOptions(schoolYear));
}

// --- result publications (công khai kết quả đánh giá) ---

export function getPublications(offset: number, limit: number) {
  return call(api.GET('/api/v1/result-publications', { params: { query: { offset, limit } } }));
}

export const publicationsQueryOptions = (offset: number, limit: number) =>
  queryOptions({
    queryKey: publicationsKeys.list(offset, limit),
    queryFn: () => getPublications(offset, limit),
    placeholderData: keepPreviousData,
  });

export function usePublications(offset: number, limit: number) {
  return useQuery(publicationsQueryOptions(offset, limit));
}

export function usePublishResults() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicationCreate) => call(api.POST('/api/v1/result-publications', { body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: publicationsKeys.all });
      void qc.invalidateQueries({ queryKey: publicKeys.all });
    },
  });
}

export function useWithdrawPublication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      call(api.DELETE('/api/v1/result-publications/{publication_id}', { params: { path: { publication_id: id } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: publicationsKeys.all });
      void qc.invalidateQueries({ queryKey: publicKeys.all });
    },
  });
}

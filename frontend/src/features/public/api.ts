/**
 * The public pages' API: anyone may read it without signing in. It uses its own openapi-fetch client
 * with no middleware, so no Authorization header is ever sent (a stale token of a signed-out visitor
 * can neither break these pages nor sign anyone out).
 */
import createClient from 'openapi-fetch';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { call } from '../../api/client';
import { compact } from '../../lib/useListParams';
import type { HonourLevel, HonourSubjectKind } from './types';
import { publicKeys } from '../../lib/queryKeys';

export const publicApi = createClient<paths>({ baseUrl: '' });

const PUBLIC_STALE = 60 * 1000;

export interface HonourFilters {
  round_id?: number;
  school_year?: string;
  level?: HonourLevel;
  subject_kind?: HonourSubjectKind;
  q?: string;
  limit: number;
  offset: number;
}

export function useHonourBoard(filters: HonourFilters) {
  return useQuery({
    queryKey: publicKeys.honourBoard(filters),
    queryFn: () => call(publicApi.GET('/api/v1/public/honour-board', { params: { query: compact(filters) } })),
    placeholderData: keepPreviousData,
    staleTime: PUBLIC_STALE,
  });
}

export function usePublicRounds() {
  return useQuery({
    queryKey: publicKeys.rounds(),
    queryFn: () => call(publicApi.GET('/api/v1/public/rounds')),
    staleTime: 5 * PUBLIC_STALE,
  });
}

export function usePublicStories(offset: number, limit: number) {
  return useQuery({
    queryKey: publicKeys.stories(offset, limit),
    queryFn: () => call(publicApi.GET('/api/v1/public/stories', { params: { query: { offset, limit } } })),
    placeholderData: keepPreviousData,
    staleTime: PUBLIC_STALE,
  });
}

export function usePublicStory(id: number) {
  return useQuery({
    queryKey: publicKeys.story(id),
    queryFn: () => call(publicApi.GET('/api/v1/public/stories/{story_id}', { params: { path: { story_id: id } } })),
    staleTime: PUBLIC_STALE,
  });
}

export function usePublicResults(offset: number, limit: number) {
  return useQuery({
    queryKey: publicKeys.results(offset, limit),
    queryFn: () => call(publicApi.GET('/api/v1/public/results', { params: { query: { offset, limit } } })),
    placeholderData: keepPreviousData,
    staleTime: PUBLIC_STALE,
  });
}

export function usePublicResult(id: number) {
  return useQuery({
    queryKey: publicKeys.result(id),
    queryFn: () =>
      call(publicApi.GET('/api/v1/public/results/{publication_id}', { params: { path: { publication_id: id } } })),
    staleTime: PUBLIC_STALE,
  });
}

export function useCertificate(code: string) {
  return useQuery({
    queryKey: publicKeys.certificate(code),
    queryFn: () => call(publicApi.GET('/api/v1/public/certificates/{code}', { params: { path: { code } } })),
    enabled: code !== '',
    staleTime: PUBLIC_STALE,
  });
}

/**
 * The public pages' API: anyone may read it without signing in. It uses its own openapi-fetch client
 * with no middleware, so no Authorization header is ever sent (a stale token of a signed-out visitor
 * can neither break these pages nor sign anyone out).
 */
import createClient from 'openapi-fetch';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { paths } from '../../../api/schema';
import { call } from '../../../api/client';
import { compact } from '../../../lib/useListParams';
import type { HonourLevel, HonourSubjectKind } from '../types';
import { publicKeys } from '../../../lib/queryKeys';

export const publicApi = createClient<paths>({ baseUrl: '' });

const PUBLIC_STALE = 60 * 1000;

export interface HonourFilters {
  round_id?: number;
  school_year?: string;
  level?: HonourLevel;
  subject_kind?: HonourSubjectKind;
  q?: string;
  commune_id?: number;
  limit: number;
  offset: number;
}

export function getHonourBoard(filters: HonourFilters) {
  return call(publicApi.GET('/api/v1/public/honour-board', { params: { query: compact(filters) } }));
}

export const honourBoardQueryOptions = (filters: HonourFilters) =>
  queryOptions({
    queryKey: publicKeys.honourBoard(filters),
    queryFn: () => getHonourBoard(filters),
    placeholderData: keepPreviousData,
    staleTime: PUBLIC_STALE,
  });

export function useHonourBoard(filters: HonourFilters) {
  return useQuery(honourBoardQueryOptions(filters));
}

/** The deployment's communes: a province's visitor picks one (`commune` below; undefined = all). */
export const publicCommunesQueryOptions = () =>
  queryOptions({
    queryKey: publicKeys.communes(),
    queryFn: () => call(publicApi.GET('/api/v1/public/communes')),
    staleTime: 5 * PUBLIC_STALE,
  });

export function usePublicCommunes() {
  return useQuery(publicCommunesQueryOptions());
}

export function getPublicRounds(commune?: number) {
  return call(publicApi.GET('/api/v1/public/rounds', { params: { query: { commune_id: commune } } }));
}

export const publicRoundsQueryOptions = (commune?: number) =>
  queryOptions({
    queryKey: publicKeys.rounds(commune),
    queryFn: () => getPublicRounds(commune),
    staleTime: 5 * PUBLIC_STALE,
  });

export function usePublicRounds(commune?: number) {
  return useQuery(publicRoundsQueryOptions(commune));
}

export function getPublicStories(offset: number, limit: number, commune?: number) {
  return call(
    publicApi.GET('/api/v1/public/stories', { params: { query: { offset, limit, commune_id: commune } } }),
  );
}

export const publicStoriesQueryOptions = (offset: number, limit: number, commune?: number) =>
  queryOptions({
    queryKey: publicKeys.stories(offset, limit, commune),
    queryFn: () => getPublicStories(offset, limit, commune),
    placeholderData: keepPreviousData,
    staleTime: PUBLIC_STALE,
  });

export function usePublicStories(offset: number, limit: number, commune?: number) {
  return useQuery(publicStoriesQueryOptions(offset, limit, commune));
}

export function getPublicStory(id: number) {
  return call(publicApi.GET('/api/v1/public/stories/{story_id}', { params: { path: { story_id: id } } }));
}

export const publicStoryQueryOptions = (id: number) =>
  queryOptions({
    queryKey: publicKeys.story(id),
    queryFn: () => getPublicStory(id),
    staleTime: PUBLIC_STALE,
  });

export function usePublicStory(id: number) {
  return useQuery(publicStoryQueryOptions(id));
}

export function getPublicResults(offset: number, limit: number, commune?: number) {
  return call(
    publicApi.GET('/api/v1/public/results', { params: { query: { offset, limit, commune_id: commune } } }),
  );
}

export const publicResultsQueryOptions = (offset: number, limit: number, commune?: number) =>
  queryOptions({
    queryKey: publicKeys.results(offset, limit, commune),
    queryFn: () => getPublicResults(offset, limit, commune),
    placeholderData: keepPreviousData,
    staleTime: PUBLIC_STALE,
  });

export function usePublicResults(offset: number, limit: number, commune?: number) {
  return useQuery(publicResultsQueryOptions(offset, limit, commune));
}

export function getPublicResult(id: number) {
  return call(publicApi.GET('/api/v1/public/results/{publication_id}', { params: { path: { publication_id: id } } }));
}

export const publicResultQueryOptions = (id: number) =>
  queryOptions({
    queryKey: publicKeys.result(id),
    queryFn: () => getPublicResult(id),
    staleTime: PUBLIC_STALE,
  });

export function usePublicResult(id: number) {
  return useQuery(publicResultQueryOptions(id));
}

export function getCertificate(code: string) {
  return call(publicApi.GET('/api/v1/public/certificates/{code}', { params: { path: { code } } }));
}

export const certificateQueryOptions = (code: string) =>
  queryOptions({
    queryKey: publicKeys.certificate(code),
    queryFn: () => getCertificate(code),
    enabled: code !== '',
    staleTime: PUBLIC_STALE,
  });

export function useCertificate(code: string) {
  return useQuery(certificateQueryOptions(code));
}

export const publicInfoCornersQueryOptions = (commune?: number) =>
  queryOptions({
    queryKey: publicKeys.infoCorners(commune),
    queryFn: () =>
      call(publicApi.GET('/api/v1/public/info-corners', { params: { query: { commune_id: commune } } })),
    staleTime: PUBLIC_STALE,
  });

export function usePublicInfoCorners(commune?: number) {
  return useQuery(publicInfoCornersQueryOptions(commune));
}

/** Tiêu chí khen thưởng công khai: award types with their criteria, frameworks, rounds' timetable. */
export const publicCriteriaQueryOptions = (commune?: number) =>
  queryOptions({
    queryKey: publicKeys.criteria(commune),
    queryFn: () => call(publicApi.GET('/api/v1/public/criteria', { params: { query: { commune_id: commune } } })),
    staleTime: PUBLIC_STALE,
  });

export function usePublicCriteria(commune?: number) {
  return useQuery(publicCriteriaQueryOptions(commune));
}

/** The Department's view (Sở GDĐT, issue 20): read only, every commune of the province. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { provinceKeys } from '../../../lib/queryKeys';

export function getCommunes() {
  return call(api.GET('/api/v1/province/communes'));
}

export const communesQueryOptions = () => queryOptions({ queryKey: provinceKeys.communes(), queryFn: getCommunes });

export function useProvinceCommunes() {
  return useQuery(communesQueryOptions());
}

export function getInbox(schoolYear: string) {
  return call(api.GET('/api/v1/province/reports', { params: { query: { school_year: schoolYear } } }));
}

export const inboxQueryOptions = (schoolYear: string) =>
  queryOptions({ queryKey: provinceKeys.inbox(schoolYear), queryFn: () => getInbox(schoolYear), placeholderData: keepPreviousData });

/** Received and missing consolidated reports per period of one school year. */
export function useReportInbox(schoolYear: string) {
  return useQuery(inboxQueryOptions(schoolYear));
}

export interface FrameworkChoice {
  school_year: string;
  framework_code: string;
}

export function getHeatmap(q: FrameworkChoice) {
  return call(api.GET('/api/v1/province/heatmap', { params: { query: q } }));
}

export const heatmapQueryOptions = (q: FrameworkChoice) =>
  queryOptions({ queryKey: provinceKeys.heatmap(q), queryFn: () => getHeatmap(q), placeholderData: keepPreviousData });

/** Communes × criteria: the mean completion of each commune's schools. */
export function useProvinceHeatmap(q: FrameworkChoice) {
  return useQuery(heatmapQueryOptions(q));
}

export interface RankingQuery extends FrameworkChoice {
  version_number: number;
  limit: number;
  offset: number;
}

export function getProvinceRanking(q: RankingQuery) {
  return call(api.GET('/api/v1/province/ranking', { params: { query: q } }));
}

export const provinceRankingQueryOptions = (q: RankingQuery) =>
  queryOptions({
    queryKey: provinceKeys.ranking(q),
    queryFn: () => getProvinceRanking(q),
    placeholderData: keepPreviousData,
  });

/** Schools of every commune ranked on one framework version (the answer says so in `note`). */
export function useProvinceRanking(q: RankingQuery) {
  return useQuery(provinceRankingQueryOptions(q));
}

export function getProposals(schoolYear: string) {
  return call(api.GET('/api/v1/province/proposals', { params: { query: { school_year: schoolYear } } }));
}

export const proposalsQueryOptions = (schoolYear: string) =>
  queryOptions({ queryKey: provinceKeys.proposals(schoolYear), queryFn: () => getProposals(schoolYear) });

/** The Tờ trình the communes issued to propose their nominees for the province's awards. */
export function useProvinceProposals(schoolYear: string) {
  return useQuery(proposalsQueryOptions(schoolYear));
}

export function getCommuneMovements(communeId: number) {
  return call(api.GET('/api/v1/movements', { params: { query: { commune_id: communeId, limit: 50 } } }));
}

export const communeMovementsQueryOptions = (communeId: number | undefined) =>
  queryOptions({
    queryKey: provinceKeys.movements(communeId),
    enabled: !!communeId,
    queryFn: () => getCommuneMovements(communeId!),
    select: (page) => page.items,
    staleTime: 5 * 60 * 1000,
  });

/** The movements of the commune the Department picked (newest first): its plans are tracked per movement. */
export function useCommuneMovements(communeId: number | undefined) {
  return useQuery(communeMovementsQueryOptions(communeId));
}

/** The pickers' look-ups: names and ids of people, staff, units, indicators and award types that the
 * caller may read (GET /lookups/...), shared by every form that refers to one of them. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { compact } from '../useListParams';
import { lookupsKeys } from '../queryKeys';

export type LookupList = 'people' | 'staff' | 'units' | 'indicators' | 'award-types';
export type LookupItem = { id: number; label: string; detail?: string | null };

type Params<L extends LookupList> = NonNullable<paths[`/api/v1/lookups/${L}`]['get']['parameters']['query']>;

export function getLookup<L extends LookupList>(list: L, params: Params<L>): Promise<LookupItem[]> {
  // One generic path: openapi-fetch cannot narrow a union of paths, the answer is the same schema.
  const path = `/api/v1/lookups/${list}` as '/api/v1/lookups/people';
  return call(api.GET(path, { params: { query: compact(params) as Params<'people'> } }));
}

export const lookupQueryOptions = <L extends LookupList>(list: L, params: Params<L>, enabled = true) =>
  queryOptions({
    queryKey: lookupsKeys.search(list, params),
    queryFn: () => getLookup(list, params),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60 * 1000,
  });

/** Choices matching what was typed (`q`), or the names of ids a page holds (`ids`). */
export function useLookup<L extends LookupList>(list: L, params: Params<L>, enabled = true) {
  return useQuery(lookupQueryOptions(list, params, enabled));
}

/** id → name of the given ids (empty until they load; nothing asked for no ids). */
export function useLookupNames<L extends LookupList>(list: L, ids: readonly number[]): Map<number, string> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const query = useLookup(list, { ids: unique, limit: 100 } as Params<L>, unique.length > 0);
  return new Map((query.data ?? []).map((i) => [i.id, i.label]));
}

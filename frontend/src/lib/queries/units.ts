/** Units as several features offer them in select boxes. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { unitsKeys } from '../queryKeys';

/** Units visible to the caller, up to the API maximum of 200. */
export function getUnitOptions() {
  return call(api.GET('/api/v1/units', { params: { query: { limit: 200 } } }));
}

export const unitOptionsQueryOptions = () =>
  queryOptions({
    queryKey: unitsKeys.options(),
    queryFn: getUnitOptions,
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });

/** Active units for select boxes (up to the API maximum of 200). */
export function useUnitOptions() {
  return useQuery(unitOptionsQueryOptions());
}

export function getSchoolOptions() {
  return call(api.GET('/api/v1/units', { params: { query: { kind: 'school', limit: 200 } } }));
}

export const schoolOptionsQueryOptions = () =>
  queryOptions({
    queryKey: unitsKeys.schools(),
    queryFn: getSchoolOptions,
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });

export function useSchoolOptions() {
  return useQuery(schoolOptionsQueryOptions());
}

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { compact } from '../../../lib/useListParams';
import { auditKeys } from '../../../lib/queryKeys';

export interface AuditFilters {
  entity_type?: string;
  entity_id?: number;
  limit: number;
  offset: number;
}

export function getAuditEvents(filters: AuditFilters) {
  return call(api.GET('/api/v1/audit-events', { params: { query: compact(filters) } }));
}

export const auditEventsQueryOptions = (filters: AuditFilters) =>
  queryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: () => getAuditEvents(filters),
    placeholderData: keepPreviousData,
  });

export function useAuditEvents(filters: AuditFilters) {
  return useQuery(auditEventsQueryOptions(filters));
}

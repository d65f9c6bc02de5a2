import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { compact } from '../../lib/useListParams';
import { auditKeys } from '../../lib/queryKeys';

export interface AuditFilters {
  entity_type?: string;
  entity_id?: number;
  limit: number;
  offset: number;
}

export function useAuditEvents(filters: AuditFilters) {
  return useQuery({
    queryKey: auditKeys.list(filters),
    queryFn: () =>
      call(api.GET('/api/v1/audit-events', { params: { query: compact(filters) } })),
    placeholderData: keepPreviousData,
  });
}

import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import type { ConsolidatedIssueCreate, Report, ReportRequestCreate, ReportUpdate } from '../../../api/types';
import { remindersKeys, reportRequestsKeys, reportsKeys } from '../../../lib/queryKeys';
import { putAnswer } from '../../../lib/cache';

export function getReportRequests(paging: { limit: number; offset: number }) {
  return call(api.GET('/api/v1/report-requests', { params: { query: paging } }));
}

export const reportRequestsQueryOptions = (paging: { limit: number; offset: number }) =>
  queryOptions({
    queryKey: reportRequestsKeys.list(paging),
    queryFn: () => getReportRequests(paging),
    placeholderData: keepPreviousData,
  });

export function useReportRequests(paging: { limit: number; offset: number }) {
  return useQuery(reportRequestsQueryOptions(paging));
}

export function getReportRequest(id: number) {
  return call(api.GET('/api/v1/report-requests/{request_id}', { params: { path: { request_id: id } } }));
}

export const reportRequestQueryOptions = (id: number) =>
  queryOptions({
    queryKey: reportRequestsKeys.detail(id),
    queryFn: () => getReportRequest(id),
  });

export function useReportRequest(id: number) {
  return useQuery(reportRequestQueryOptions(id));
}

export function getConsolidated(id: number) {
  return call(api.GET('/api/v1/report-requests/{request_id}/consolidated', { params: { path: { request_id: id } } }));
}

export const consolidatedQueryOptions = (id: number, enabled: boolean) =>
  queryOptions({
    queryKey: reportRequestsKeys.consolidated(id),
    enabled,
    queryFn: () => getConsolidated(id),
  });

export function useConsolidated(id: number, enabled: boolean) {
  return useQuery(consolidatedQueryOptions(id, enabled));
}

export function getConsolidatedIssues(id: number) {
  return call(api.GET('/api/v1/report-requests/{request_id}/issues', { params: { path: { request_id: id } } }));
}

export const consolidatedIssuesQueryOptions = (id: number, enabled: boolean) =>
  queryOptions({
    queryKey: reportRequestsKeys.issues(id),
    enabled,
    queryFn: () => getConsolidatedIssues(id),
  });

export function useConsolidatedIssues(id: number, enabled: boolean) {
  return useQuery(consolidatedIssuesQueryOptions(id, enabled));
}

/** Issues the consolidated report: a numbered, signed version with its figures frozen, sent to the Sở. */
export function useIssueConsolidated(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsolidatedIssueCreate) =>
      call(api.POST('/api/v1/report-requests/{request_id}/issues', { params: { path: { request_id: id } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: reportRequestsKeys.issues(id) }),
  });
}

export function useCreateReportRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportRequestCreate) => call(api.POST('/api/v1/report-requests', { body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: reportRequestsKeys.all });
      void qc.invalidateQueries({ queryKey: remindersKeys.all });
    },
  });
}

export function useCreateReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (requestId: number) => call(api.POST('/api/v1/reports', { body: { request_id: requestId } })),
    onSuccess: (data) => {
      putAnswer(qc, reportsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: reportRequestsKeys.all });
    },
  });
}

export function getReport(id: number) {
  return call(api.GET('/api/v1/reports/{report_id}', { params: { path: { report_id: id } } }));
}

export const reportQueryOptions = (id: number) =>
  queryOptions({
    queryKey: reportsKeys.detail(id),
    queryFn: () => getReport(id),
  });

export function useReport(id: number) {
  return useQuery(reportQueryOptions(id));
}

type Change = { kind: 'update'; body: ReportUpdate } | { kind: 'refresh' } | { kind: 'submit'; body?: ReportUpdate };

/** Save / refresh figures / submit (saving the text first when it changed), each with If-Match. */
export function useReportChange(report: Report | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (change: Change) => {
      const id = report!.id;
      let version = report!.version;
      const params = () => ({ path: { report_id: id }, header: ifMatch(version) });
      if (change.kind === 'update' || (change.kind === 'submit' && change.body)) {
        const saved = await call(api.PATCH('/api/v1/reports/{report_id}', { params: params(), body: change.body! }));
        if (change.kind === 'update') return saved;
        putAnswer(qc, reportsKeys.detail(id), saved);
        version = saved.version;
      }
      if (change.kind === 'refresh') return call(api.POST('/api/v1/reports/{report_id}/refresh-figures', { params: params() }));
      return call(api.POST('/api/v1/reports/{report_id}/submit', { params: params() }));
    },
    onSuccess: (data) => {
      putAnswer(qc, reportsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: reportRequestsKeys.all });
      void qc.invalidateQueries({ queryKey: remindersKeys.all });
    },
    onError: (error) => {
      if (isConflict(error) && report) void qc.invalidateQueries({ queryKey: reportsKeys.detail(report.id) });
    },
  });
}

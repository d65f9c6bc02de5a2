import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import i18n from '../../../lib/i18n';
import { MEDIA_TYPES, POLL_MS, isJobFinished, jobPollInterval, type Started } from '../imports';
import type { FileFormat, ImportJob, ImportKindName, ImportSummary, Strategy } from '../types';
import {
  activitiesKeys,
  assessmentsKeys,
  importsKeys,
  initiativesKeys,
  scorecardsKeys,
  staffKeys,
  unitsKeys,
  usersKeys,
  dtiKeys,
  partnersKeys,
  materialsKeys,
  commsKeys,
} from '../../../lib/queryKeys';

export function getImportKinds() {
  return call(api.GET('/api/v1/imports/kinds'));
}

export const importKindsQueryOptions = () =>
  queryOptions({
    queryKey: importsKeys.kinds(),
    queryFn: () => getImportKinds(),
    staleTime: 10 * 60 * 1000,
  });

/** The kinds that can be imported, with their columns (fixed by the server version). */
export function useImportKinds() {
  return useQuery(importKindsQueryOptions());
}

export function getImportJobs(filters: { limit: number; offset: number }) {
  return call(api.GET('/api/v1/imports', { params: { query: filters } }));
}

export const importJobsQueryOptions = (filters: { limit: number; offset: number }) =>
  queryOptions({
    queryKey: importsKeys.jobList(filters),
    queryFn: () => getImportJobs(filters),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((j) => !isJobFinished(j)) ? 2 * POLL_MS : false),
  });

/** My import jobs (all of them for an administrator), newest first; polled while one is unfinished. */
export function useImportJobs(filters: { limit: number; offset: number }) {
  return useQuery(importJobsQueryOptions(filters));
}

/**
 * A background job (answer 202), polled every second until it succeeded or failed. The 202 body is
 * the first state: the first poll comes a second later.
 */
export function useImportJob(started: Extract<Started, { type: 'job' }> | null) {
  const id = started?.job.id ?? 0;
  return useQuery({
    queryKey: importsKeys.job(id),
    enabled: started !== null,
    queryFn: () => call(api.GET('/api/v1/imports/{job_id}', { params: { path: { job_id: id } } })),
    initialData: started?.job,
    initialDataUpdatedAt: started?.receivedAt,
    staleTime: POLL_MS,
    refetchInterval: (query) => jobPollInterval(query.state.data),
  });
}

export interface ImportRequest {
  kind: ImportKindName;
  file: Blob;
  format: FileFormat;
  dryRun: boolean;
  strategy: Strategy;
  atomic: boolean;
  /** for a real import: the same key for the same file and options (see importSignature) */
  idempotencyKey?: string;
}

/** Sends the raw file as the request body (no multipart); 200 → the summary, 202 → a job to follow. */
export async function startImport(r: ImportRequest): Promise<Started> {
  const request = api.POST('/api/v1/imports/{kind}', {
    params: {
      path: { kind: r.kind },
      query: { format: r.format, dry_run: r.dryRun, strategy: r.strategy, atomic: r.atomic },
      header: r.idempotencyKey ? { 'Idempotency-Key': r.idempotencyKey } : undefined,
    },
    // the file goes as it is: no JSON serialisation, Content-Type from its format
    body: r.file as never,
    bodySerializer: (body: unknown) => body,
    headers: { 'Content-Type': MEDIA_TYPES[r.format] },
  });
  const data = await call(request);
  const { response } = await request;
  if (response.status === 202) return { type: 'job', job: data as ImportJob, receivedAt: Date.now() };
  return {
    type: 'summary',
    summary: data as ImportSummary,
    replayed: response.headers.get('Idempotent-Replayed') === 'true',
  };
}

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: startImport,
    onSettled: () => qc.invalidateQueries({ queryKey: importsKeys.jobs() }),
  });
}

/** Cached lists that an import of this kind changes. */
const CHANGED_BY: Record<ImportKindName, readonly (readonly string[])[]> = {
  units: [unitsKeys.all],
  staff: [staffKeys.all],
  users: [usersKeys.all],
  assessment_entries: [assessmentsKeys.all, scorecardsKeys.all],
  activities: [activitiesKeys.all, assessmentsKeys.all, scorecardsKeys.all],
  initiatives: [initiativesKeys.all, assessmentsKeys.all, scorecardsKeys.all],
  dti_4725: [dtiKeys.all, assessmentsKeys.all, scorecardsKeys.all],
  partners: [partnersKeys.all],
  materials: [materialsKeys.all],
  comms_outputs: [commsKeys.all],
};

/** After a run has finished: the job list, and (for a real import) the data it changed. */
export function useAfterRun() {
  const qc = useQueryClient();
  return (kind: ImportKindName, stored: boolean) => {
    void qc.invalidateQueries({ queryKey: importsKeys.jobs() });
    if (stored) for (const queryKey of CHANGED_BY[kind]) void qc.invalidateQueries({ queryKey });
  };
}

/** Templates and exports head their columns in the interface's language (Vietnamese unless English is
 * chosen); either imports back. */
export const withHeadingLang = (url: string) => `${url}${url.includes('?') ? '&' : '?'}lang=${i18n.language === 'en' ? 'en' : 'vi'}`;

export const fileUrls = {
  template: (kind: ImportKindName, format: 'csv' | 'xlsx') => `/api/v1/imports/templates/${kind}.${format}`,
  export: (kind: ImportKindName, format: FileFormat) => `/api/v1/exports/${kind}.${format}`,
};

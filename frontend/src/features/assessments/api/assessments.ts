import { useMemo, useRef } from 'react';
import { keepPreviousData, queryOptions, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch, postFormWithProgress } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type {
  Assessment,
  AssessmentCreate,
  AssessmentStatus,
  EntryInput,
  ReturnInput,
  ReviewInput,
  SubjectKind,
} from '../../../api/types';
import { assessmentsKeys, scorecardsKeys } from '../../../lib/queryKeys';
import { putAnswer } from '../../../lib/cache';

export interface AssessmentFilters {
  framework_id?: number;
  school_year?: string;
  status?: AssessmentStatus;
  subject_kind?: SubjectKind;
  unit_id?: number;
  limit: number;
  offset: number;
}

export function getAssessments(filters: AssessmentFilters) {
  return call(api.GET('/api/v1/self-assessments', { params: { query: compact(filters) } }));
}

export const assessmentsQueryOptions = (filters: AssessmentFilters) =>
  queryOptions({
    queryKey: assessmentsKeys.list(filters),
    queryFn: () => getAssessments(filters),
    placeholderData: keepPreviousData,
  });

export function useAssessments(filters: AssessmentFilters) {
  return useQuery(assessmentsQueryOptions(filters));
}

export function getAssessment(id: number) {
  return call(api.GET('/api/v1/self-assessments/{assessment_id}', { params: { path: { assessment_id: id } } }));
}

export const assessmentQueryOptions = (id: number) =>
  queryOptions({
    queryKey: assessmentsKeys.detail(id),
    queryFn: () => getAssessment(id),
  });

export function useAssessment(id: number) {
  return useQuery(assessmentQueryOptions(id));
}

export function useCreateAssessment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessmentCreate) => call(api.POST('/api/v1/self-assessments', { body })),
    onSuccess: (data) => {
      putAnswer(qc, assessmentsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: assessmentsKeys.lists() });
    },
  });
}

function current(qc: QueryClient, id: number): Assessment {
  const a = qc.getQueryData<Assessment>(assessmentsKeys.detail(id));
  if (!a) throw new Error('assessment not loaded');
  return a;
}

/**
 * Every change to one assessment, run one after the other (each needs the version the previous
 * one produced: If-Match). The server's answer replaces the cached assessment, so the score shown
 * is always the server's. A 412 reloads the assessment; errors are thrown to the caller.
 */
export function useAssessmentOps(id: number) {
  const qc = useQueryClient();
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  return useMemo(() => {
    const path = { assessment_id: id };
    const header = () => ifMatch(current(qc, id).version);
    const reload = async () => {
      const fresh = await call(api.GET('/api/v1/self-assessments/{assessment_id}', { params: { path } }));
      putAnswer(qc, assessmentsKeys.detail(id), fresh);
      return fresh;
    };

    function run<T>(op: () => Promise<T>, after: (result: T) => Promise<Assessment> | Assessment): Promise<Assessment> {
      const next = chain.current
        .catch(() => undefined)
        .then(async () => {
          try {
            const result = await op();
            const updated = await after(result);
            putAnswer(qc, assessmentsKeys.detail(id), updated);
            return updated;
          } catch (e) {
            if (isConflict(e)) await reload().catch(() => undefined);
            throw e;
          }
        });
      chain.current = next;
      void next
        .finally(() => {
          void qc.invalidateQueries({ queryKey: assessmentsKeys.lists() });
          void qc.invalidateQueries({ queryKey: scorecardsKeys.all });
        })
        .catch(() => undefined);
      return next;
    }
    const same = (a: Assessment) => a;

    return {
      saveEntries: (entries: EntryInput[]) =>
        run(
          () => call(api.PUT('/api/v1/self-assessments/{assessment_id}/entries', { params: { path, header: header() }, body: { entries } })),
          same,
        ),
      review: (entries: ReviewInput[]) =>
        run(
          () => call(api.POST('/api/v1/self-assessments/{assessment_id}/review', { params: { path, header: header() }, body: { entries } })),
          same,
        ),
      submit: () =>
        run(() => call(api.POST('/api/v1/self-assessments/{assessment_id}/submit', { params: { path, header: header() } })), same),
      verify: () =>
        run(() => call(api.POST('/api/v1/self-assessments/{assessment_id}/verify', { params: { path, header: header() } })), same),
      verifyEarly: (reason: string) =>
        run(
          () =>
            call(
              api.POST('/api/v1/self-assessments/{assessment_id}/verify-early', {
                params: { path, header: header() },
                body: { reason },
              }),
            ),
          same,
        ),
      returnToSubject: (body: ReturnInput) =>
        run(
          () => call(api.POST('/api/v1/self-assessments/{assessment_id}/return', { params: { path, header: header() }, body })),
          same,
        ),
      addLink: (indicator_code: string, url: string, title: string) =>
        run(
          () => call(api.POST('/api/v1/self-assessments/{assessment_id}/evidence/links', { params: { path }, body: { indicator_code, url, title } })),
          reload,
        ),
      /** One file, its upload progress reported as a share from 0 to 1 (drag-and-drop and multiple selection). */
      uploadFileWithProgress: (indicator_code: string, file: File, onProgress: (share: number) => void) =>
        run(() => {
          const form = new FormData();
          form.append('indicator_code', indicator_code);
          form.append('file', file);
          return postFormWithProgress(`/api/v1/self-assessments/${id}/evidence/files`, form, onProgress);
        }, reload),
      deleteEvidence: (evidence_id: number) =>
        run(
          () =>
            call(
              api.DELETE('/api/v1/self-assessments/{assessment_id}/evidence/{evidence_id}', {
                params: { path: { assessment_id: id, evidence_id } },
              }),
            ),
          reload,
        ),
    };
  }, [id, qc]);
}

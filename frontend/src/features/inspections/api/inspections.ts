import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type {
  Inspection,
  InspectionCreate,
  InspectionKind,
  InspectionStatus,
  InspectionUpdate,
  InspectionValuesIn,
} from '../../../api/types';
import { assessmentsKeys, inspectionsKeys, inspectionPlansKeys, scorecardsKeys } from '../../../lib/queryKeys';
import { putAnswer } from '../../../lib/cache';

export interface InspectionFilters {
  school_year?: string;
  status?: InspectionStatus;
  kind?: InspectionKind;
  limit: number;
  offset: number;
}

export function getInspections(filters: InspectionFilters) {
  return call(api.GET('/api/v1/inspections', { params: { query: compact(filters) } }));
}

export const inspectionsQueryOptions = (filters: InspectionFilters) =>
  queryOptions({
    queryKey: inspectionsKeys.list(filters),
    queryFn: () => getInspections(filters),
    placeholderData: keepPreviousData,
  });

export function useInspections(filters: InspectionFilters) {
  return useQuery(inspectionsQueryOptions(filters));
}

export function getInspection(id: number) {
  return call(api.GET('/api/v1/inspections/{inspection_id}', { params: { path: { inspection_id: id } } }));
}

export const inspectionQueryOptions = (id: number) =>
  queryOptions({
    queryKey: inspectionsKeys.detail(id),
    queryFn: () => getInspection(id),
  });

export function useInspection(id: number) {
  return useQuery(inspectionQueryOptions(id));
}

export function useCreateInspection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionCreate) => call(api.POST('/api/v1/inspections', { body })),
    onSuccess: (data) => {
      putAnswer(qc, inspectionsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: inspectionsKeys.lists() });
      void qc.invalidateQueries({ queryKey: inspectionPlansKeys.all }); // the plan shows its visits done
    },
  });
}

export function useUpdateInspection(inspection: Inspection | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionUpdate) =>
      call(
        api.PATCH('/api/v1/inspections/{inspection_id}', {
          params: { path: { inspection_id: inspection!.id }, header: ifMatch(inspection!.version) },
          body,
        }),
      ),
    onSuccess: (data) => {
      putAnswer(qc, inspectionsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: inspectionsKeys.lists() });
      void qc.invalidateQueries({ queryKey: inspectionPlansKeys.all }); // the plan shows its visits done
    },
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: inspectionsKeys.all });
    },
  });
}

/** Verified values recorded on site; they change the school's assessment too. */
export function useRecordValues(inspection: Inspection | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionValuesIn) =>
      call(
        api.POST('/api/v1/inspections/{inspection_id}/values', {
          params: { path: { inspection_id: inspection!.id }, header: ifMatch(inspection!.version) },
          body,
        }),
      ),
    onSuccess: (data) => {
      putAnswer(qc, inspectionsKeys.detail(data.id), data);
      void qc.invalidateQueries({ queryKey: assessmentsKeys.all });
      void qc.invalidateQueries({ queryKey: scorecardsKeys.all });
    },
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: inspectionsKeys.all });
    },
  });
}

/** The unit self-assessment of a school for a school year (null when it has not been started). */
export function useUnitAssessment(unitId: number, schoolYear: string, enabled: boolean) {
  return useQuery({
    queryKey: assessmentsKeys.ofUnit(unitId, schoolYear),
    enabled,
    queryFn: async () => {
      const page = await call(
        api.GET('/api/v1/self-assessments', {
          params: { query: { unit_id: unitId, school_year: schoolYear, subject_kind: 'unit', limit: 50 } },
        }),
      );
      const found = page.items.find((a) => a.unit_id === unitId);
      if (!found) return null;
      return call(
        api.GET('/api/v1/self-assessments/{assessment_id}', { params: { path: { assessment_id: found.id } } }),
      );
    },
  });
}

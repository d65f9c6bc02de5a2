import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import type { components } from '../../../api/schema';
import { isConflict } from '../../../lib/errors';
import { steeringKeys } from '../../../lib/queryKeys';

type S = components['schemas'];
export type Committee = S['CommitteeRead'];
export type CommitteeCreate = S['CommitteeCreate'];
export type CommitteeUpdate = S['CommitteeUpdate'];
export type CommitteeMember = S['MemberRead'];
export type MemberCreate = S['MemberCreate'];
export type MemberUpdate = S['MemberUpdate'];
export type AssignmentUpdate = S['AssignmentUpdate'];
export type Assignment = S['AssignmentRead'];
export type AssignmentCreate = S['AssignmentCreate'];
export type CommitteePosition = S['CommitteePosition'];

export const POSITIONS: readonly CommitteePosition[] = ['head', 'deputy', 'standing_member', 'member', 'secretary'];

export function getCommittees() {
  return call(api.GET('/api/v1/steering-committees', { params: { query: { limit: 50 } } }));
}

export const committeesQueryOptions = () =>
  queryOptions({ queryKey: steeringKeys.lists(), queryFn: getCommittees, select: (page) => page.items });

/** Every committee, the newest decision first (the first one is the committee in office). */
export function useCommittees() {
  return useQuery(committeesQueryOptions());
}

function useRefresh() {
  const qc = useQueryClient();
  return {
    onSuccess: () => void qc.invalidateQueries({ queryKey: steeringKeys.all }),
    onError: (error: unknown) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: steeringKeys.all });
    },
  };
}

export function useCreateCommittee() {
  return useMutation({
    mutationFn: (body: CommitteeCreate) => call(api.POST('/api/v1/steering-committees', { body })),
    ...useRefresh(),
  });
}

export function useUpdateCommittee() {
  return useMutation({
    mutationFn: ({ committee, body }: { committee: Committee; body: CommitteeUpdate }) =>
      call(
        api.PATCH('/api/v1/steering-committees/{committee_id}', {
          params: { path: { committee_id: committee.id }, header: ifMatch(committee.version) },
          body,
        }),
      ),
    ...useRefresh(),
  });
}

export function useUploadScan(committee: Committee) {
  return useMutation({
    mutationFn: (file: File) =>
      call(
        api.POST('/api/v1/steering-committees/{committee_id}/decision-scan', {
          params: { path: { committee_id: committee.id } },
          body: { file: '' },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file);
            return form;
          },
        }),
      ),
    ...useRefresh(),
  });
}

export function scanUrl(committee: Committee): string {
  return `/api/v1/steering-committees/${committee.id}/decision-scan`;
}

export function useAddMember(committee: Committee) {
  return useMutation({
    mutationFn: (body: MemberCreate) =>
      call(api.POST('/api/v1/steering-committees/{committee_id}/members', { params: { path: { committee_id: committee.id } }, body })),
    ...useRefresh(),
  });
}

export function useRemoveMember(committee: Committee) {
  return useMutation({
    mutationFn: (member: CommitteeMember) =>
      call(
        api.DELETE('/api/v1/steering-committees/{committee_id}/members/{member_id}', {
          params: { path: { committee_id: committee.id, member_id: member.id }, header: ifMatch(member.version) },
        }),
      ),
    ...useRefresh(),
  });
}

export function useAddAssignment(committee: Committee) {
  return useMutation({
    mutationFn: (body: AssignmentCreate) =>
      call(
        api.POST('/api/v1/steering-committees/{committee_id}/assignments', { params: { path: { committee_id: committee.id } }, body }),
      ),
    ...useRefresh(),
  });
}

export function useRemoveAssignment(committee: Committee) {
  return useMutation({
    mutationFn: (row: Assignment) =>
      call(
        api.DELETE('/api/v1/steering-committees/{committee_id}/assignments/{assignment_id}', {
          params: { path: { committee_id: committee.id, assignment_id: row.id }, header: ifMatch(row.version) },
        }),
      ),
    ...useRefresh(),
  });
}

export function useUpdateMember(committee: Committee) {
  return useMutation({
    mutationFn: ({ member, body }: { member: CommitteeMember; body: MemberUpdate }) =>
      call(
        api.PATCH('/api/v1/steering-committees/{committee_id}/members/{member_id}', {
          params: { path: { committee_id: committee.id, member_id: member.id }, header: ifMatch(member.version) },
          body,
        }),
      ),
    ...useRefresh(),
  });
}

export function useUpdateAssignment(committee: Committee) {
  return useMutation({
    mutationFn: ({ row, body }: { row: Assignment; body: AssignmentUpdate }) =>
      call(
        api.PATCH('/api/v1/steering-committees/{committee_id}/assignments/{assignment_id}', {
          params: { path: { committee_id: committee.id, assignment_id: row.id }, header: ifMatch(row.version) },
          body,
        }),
      ),
    ...useRefresh(),
  });
}

import { useMutation } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import type { components } from '../../../api/schema';

type Member = components['schemas']['MemberRead'];

/** A person as a council meeting's minutes name them: "Nguyễn Văn A, Phó Chủ tịch UBND xã". */
export function personLine(m: Member): string {
  return `${m.full_name}, ${m.staff_position || m.unit_name}`;
}

/** The chair (the head of the Ban chỉ đạo, else its first member) and the other members of the
 * committee in office (the newest decision), for a council meeting to start from. */
export function councilFromCommittee(members: readonly Member[]): { chair: string; members: string[] } | null {
  if (members.length === 0) return null;
  const head = members.find((m) => m.position === 'head') ?? members[0]!;
  return { chair: personLine(head), members: members.filter((m) => m.id !== head.id).map(personLine) };
}

export function useCommitteeForCouncil() {
  return useMutation({
    mutationFn: async () => {
      const page = await call(api.GET('/api/v1/steering-committees', { params: { query: { limit: 1 } } }));
      return councilFromCommittee(page.items[0]?.members ?? []);
    },
  });
}

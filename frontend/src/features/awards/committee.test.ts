import { describe, expect, it } from 'vitest';
import { councilFromCommittee } from './api/committee';

const member = (id: number, position: string, full_name: string, staff_position = '', unit_name = 'UBND xã') =>
  ({ id, position, full_name, staff_position, unit_name, committee_id: 1, staff_id: id, position_label: '', duties: '', version: 1, allowed_actions: [] }) as never;

describe('a council taken from the steering committee', () => {
  it('takes the head as chair and the others as members, each with their position', () => {
    const got = councilFromCommittee([
      member(1, 'deputy', 'Lê Thị Lan', 'Hiệu trưởng', 'Trường TH B'),
      member(2, 'head', 'Nguyễn Văn Bình', 'Phó Chủ tịch UBND xã'),
      member(3, 'member', 'Trần Văn Dũng', '', 'Phòng Văn hóa - Xã hội'),
    ]);
    expect(got).toEqual({
      chair: 'Nguyễn Văn Bình, Phó Chủ tịch UBND xã',
      members: ['Lê Thị Lan, Hiệu trưởng', 'Trần Văn Dũng, Phòng Văn hóa - Xã hội'],
    });
  });
  it('falls back to the first member without a head, and to nothing without members', () => {
    expect(councilFromCommittee([member(4, 'member', 'A', 'Ủy viên')])).toEqual({ chair: 'A, Ủy viên', members: [] });
    expect(councilFromCommittee([])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { compareVersions, emptyTask, formatVnd, groupTasksByMonth, normalizeContent, planFieldErrors } from './plan';

const task = (title: string, due_date: string) => ({ ...emptyTask(), title, due_date, start_date: '2025-09-01' });

describe('groupTasksByMonth', () => {
  it('groups by the month of the due date, in order, undated last', () => {
    const groups = groupTasksByMonth([task('B', '2025-11-20'), task('A', '2025-10-05'), task('C', ''), task('D', '2025-11-02')]);
    expect(groups.map((g) => g.month)).toEqual(['2025-10', '2025-11', '']);
    expect(groups[1]!.tasks.map((t) => t.task.title)).toEqual(['D', 'B']);
    expect(groups[1]!.tasks.map((t) => t.index)).toEqual([3, 0]);
  });
  it('is empty without tasks', () => {
    expect(groupTasksByMonth([])).toEqual([]);
  });
});

describe('formatVnd', () => {
  it('uses dots as thousands separators', () => {
    expect(formatVnd(0)).toBe('0 ₫');
    expect(formatVnd(999)).toBe('999 ₫');
    expect(formatVnd(1500000)).toBe('1.500.000 ₫');
    expect(formatVnd(12345678)).toBe('12.345.678 ₫');
  });
});

describe('compareVersions', () => {
  it('compares title, objectives, counts, task titles and budget', () => {
    const a = {
      title: 'Kế hoạch',
      content: { objectives: 'Cũ', targets: [{ indicator_code: 'TC1.1' }], tasks: [task('Họp', '2025-10-01'), task('Tập huấn', '2025-11-01')] },
      budget_lines: [{ source: 'state_budget', amount_vnd: 1000, description: '' }],
    };
    const b = {
      title: 'Kế hoạch (sửa)',
      content: { objectives: 'Mới', targets: [], tasks: [task('Họp', '2025-10-01'), task('Hội thảo', '2025-12-01')] },
      budget_lines: [
        { source: 'state_budget', amount_vnd: 1000, description: '' },
        { source: 'other', amount_vnd: 500, description: '' },
      ],
    };
    const c = compareVersions(a, b);
    expect(c.a).toEqual({ title: 'Kế hoạch', objectives: 'Cũ', targets: 1, tasks: 2, budget: 1000 });
    expect(c.b).toEqual({ title: 'Kế hoạch (sửa)', objectives: 'Mới', targets: 0, tasks: 2, budget: 1500 });
    expect(c.added).toEqual(['Hội thảo']);
    expect(c.removed).toEqual(['Tập huấn']);
  });
  it('copes with empty snapshots', () => {
    expect(compareVersions(null, {}).a.tasks).toBe(0);
  });
});

describe('planFieldErrors', () => {
  it('maps body paths to plan form keys', () => {
    const errors = planFieldErrors({
      status: 422,
      errors: [
        { path: 'body.title', message: 'Bắt buộc' },
        { path: 'body.content.objectives', message: 'Quá dài' },
        { path: 'body.content.tasks.0.due_date', message: 'Sau ngày bắt đầu' },
        { path: 'body.content.tasks.0.due_date', message: 'Ngoài năm học' },
        { path: 'body.content.targets.1.indicator_code', message: 'Không có' },
        { path: 'body.budget_lines.2.amount_vnd', message: '≥ 0' },
        { path: 'query.unit_id', message: 'x' },
      ],
    });
    expect(errors).toEqual({
      title: 'Bắt buộc',
      objectives: 'Quá dài',
      'tasks.0.due_date': 'Sau ngày bắt đầu Ngoài năm học',
      'targets.1.indicator_code': 'Không có',
      'budget_lines.2.amount_vnd': '≥ 0',
    });
  });
});

describe('normalizeContent', () => {
  it('fills missing parts', () => {
    const c = normalizeContent({ sections: [{ heading: 'I. MỤC ĐÍCH', text: 'x' }], tasks: [{ title: 'T', status: 'bogus' }] });
    expect(c.objectives).toBe('');
    expect(c.sections).toEqual([{ heading: 'I. MỤC ĐÍCH', text: 'x' }]);
    expect(c.tasks[0]!.status).toBe('not_started');
    expect(c.tasks[0]!.progress_percent).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { figureRows } from './figures';

describe('figureRows', () => {
  it('lists statuses, numbers, percents and activities with their labels', () => {
    const { figures, activities } = figureRows({
      plan_status: 'approved',
      tasks_total: 3,
      tasks_done: 0,
      tasks_average_progress: 41.5,
      trained_staff_percent: '12.50',
      classification_label: null,
      activities: { training: 2 },
      activities_labels: { training: 'Lớp bồi dưỡng' },
    });
    expect(figures).toEqual([
      { key: 'plan_status', kind: 'status', value: 'approved', scope: 'plans.statuses' },
      { key: 'tasks_total', kind: 'text', value: '3' },
      { key: 'tasks_done', kind: 'text', value: '0' },
      { key: 'tasks_average_progress', kind: 'percent', value: 41.5 },
      { key: 'trained_staff_percent', kind: 'percent', value: 12.5 },
    ]);
    expect(activities).toEqual([{ label: 'Lớp bồi dưỡng', count: 2 }]);
  });
});

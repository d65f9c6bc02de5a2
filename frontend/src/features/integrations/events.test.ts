import { describe, expect, it } from 'vitest';
import { eventLabel, isInsecureUrl, subscribableEvents, toggleEvent, urlProblem } from './events';

const catalogue = [
  { event: 'plan.submitted', label: 'Đơn vị nộp kế hoạch thực hiện', subscribable: true },
  { event: 'plan.approved', label: 'Xã phê duyệt kế hoạch thực hiện', subscribable: true },
  { event: 'report.submitted', label: 'Đơn vị nộp báo cáo', subscribable: true },
  { event: 'ping', label: 'Gửi thử', subscribable: false },
];

describe('subscribableEvents', () => {
  it('skips events that cannot be subscribed to, keeping the order', () => {
    expect(subscribableEvents(catalogue).map((e) => e.event)).toEqual(['plan.submitted', 'plan.approved', 'report.submitted']);
  });
});

describe('eventLabel', () => {
  it('gives the Vietnamese label, or the code when unknown', () => {
    expect(eventLabel(catalogue, 'plan.approved')).toBe('Xã phê duyệt kế hoạch thực hiện');
    expect(eventLabel(catalogue, 'ping')).toBe('Gửi thử');
    expect(eventLabel(catalogue, 'x.y')).toBe('x.y');
    expect(eventLabel(undefined, 'plan.approved')).toBe('plan.approved');
  });
});

describe('toggleEvent', () => {
  it('adds and removes, in catalogue order, without duplicates', () => {
    let s = toggleEvent([], 'report.submitted', true, catalogue);
    s = toggleEvent(s, 'plan.submitted', true, catalogue);
    s = toggleEvent(s, 'plan.submitted', true, catalogue);
    expect(s).toEqual(['plan.submitted', 'report.submitted']);
    expect(toggleEvent(s, 'plan.submitted', false, catalogue)).toEqual(['report.submitted']);
  });

  it('keeps events missing from the catalogue at the end', () => {
    expect(toggleEvent(['old.event'], 'plan.approved', true, catalogue)).toEqual(['plan.approved', 'old.event']);
  });
});

describe('urlProblem', () => {
  it('accepts http(s) URLs with a host', () => {
    expect(urlProblem('https://example.vn/hooks/thidua')).toBeNull();
    expect(urlProblem(' https://10.0.0.5:8443/x?y=1 ')).toBeNull();
    expect(urlProblem('http://localhost:9000/')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(urlProblem('')).toBe('empty');
    expect(urlProblem('example.vn/hook')).toBe('invalid');
    expect(urlProblem('https://exa mple.vn')).toBe('invalid');
    expect(urlProblem('ftp://example.vn/')).toBe('scheme');
    expect(urlProblem('javascript:alert(1)')).toBe('scheme');
    expect(urlProblem('https://user:pw@example.vn/')).toBe('credentials');
    expect(urlProblem('https://user@example.vn/')).toBe('credentials');
  });

  it('flags plain http as insecure', () => {
    expect(isInsecureUrl('http://example.vn')).toBe(true);
    expect(isInsecureUrl('HTTP://example.vn')).toBe(true);
    expect(isInsecureUrl('https://example.vn')).toBe(false);
  });
});

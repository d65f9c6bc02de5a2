import { describe, expect, it } from 'vitest';
import {
  MEDIA_TYPES,
  POLL_MS,
  canImport,
  formatBytes,
  formatFromFileName,
  importSignature,
  isJobFinished,
  jobOutcome,
  jobPollInterval,
  newIdempotencyKey,
  progressPercent,
  rowErrorText,
  runOutcome,
  summaryOutcome,
  summaryRows,
} from './imports';
import { FILE_FORMATS, IMPORT_KINDS, STRATEGIES, TEMPLATE_FORMATS, type ImportJob, type ImportSummary } from './types';
import vi from '../../locales/vi.json';
import en from '../../locales/en.json';

function summary(over: Partial<ImportSummary> = {}): ImportSummary {
  return {
    status: 'completed',
    kind: 'staff',
    format: 'csv',
    strategy: 'create_and_update',
    atomic: true,
    dry_run: false,
    total: 10,
    created: 6,
    updated: 2,
    unchanged: 2,
    rejected: 0,
    errors: [],
    errors_truncated: false,
    ignored_columns: [],
    job_id: 1,
    ...over,
  };
}

function job(over: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 7,
    kind: 'staff',
    format: 'csv',
    strategy: 'create_and_update',
    atomic: true,
    dry_run: false,
    status: 'running',
    processed_rows: 40,
    total_rows: 100,
    progress_percent: 40,
    size_bytes: 5000,
    summary: null,
    error: null,
    created_at: '2026-03-01T08:00:00Z',
    started_at: '2026-03-01T08:00:01Z',
    finished_at: null,
    url: '/api/v1/imports/7',
    ...over,
  };
}

describe('formatFromFileName', () => {
  it('takes the format from the extension, in any case', () => {
    expect(formatFromFileName('can-bo.csv')).toBe('csv');
    expect(formatFromFileName('Cán bộ TH-TT.XLSX')).toBe('xlsx');
    expect(formatFromFileName('du-lieu.Json')).toBe('json');
    expect(formatFromFileName(' mau-staff.v2.csv ')).toBe('csv');
  });

  it('knows no other extension, and needs one', () => {
    for (const name of ['staff.xls', 'staff.txt', 'staff.csv.zip', 'csv', 'staff.', '', 'staff.ods'])
      expect(formatFromFileName(name), name).toBeNull();
  });

  it('has a media type for every format', () => {
    expect(MEDIA_TYPES).toEqual({
      csv: 'text/csv',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      json: 'application/json',
    });
  });
});

describe('polling a background job', () => {
  it('polls every second while queued or running', () => {
    expect(POLL_MS).toBe(1000);
    expect(jobPollInterval(job({ status: 'queued' }))).toBe(1000);
    expect(jobPollInterval(job({ status: 'running' }))).toBe(1000);
  });

  it('stops when the job succeeded or failed, or when there is nothing to poll', () => {
    expect(jobPollInterval(job({ status: 'succeeded' }))).toBe(false);
    expect(jobPollInterval(job({ status: 'failed' }))).toBe(false);
    expect(jobPollInterval(undefined)).toBe(false);
    expect(isJobFinished({ status: 'running' })).toBe(false);
    expect(isJobFinished({ status: 'failed' })).toBe(true);
  });

  it('fills the progress bar when the job succeeded and keeps it within 0–100', () => {
    expect(progressPercent(job({ progress_percent: 40 }))).toBe(40);
    expect(progressPercent(job({ progress_percent: 33.6 }))).toBe(34);
    expect(progressPercent(job({ status: 'succeeded', progress_percent: 97 }))).toBe(100);
    expect(progressPercent(job({ progress_percent: 130 }))).toBe(100);
    expect(progressPercent(job({ progress_percent: -5 }))).toBe(0);
    expect(progressPercent(job({ status: 'queued', progress_percent: Number.NaN }))).toBe(0);
  });
});

describe('runOutcome', () => {
  it('is finished at once for an answer given at once', () => {
    const s = summary();
    expect(runOutcome({ type: 'summary', summary: s, replayed: false }, undefined)).toEqual({
      job: null,
      summary: s,
      finished: true,
      error: null,
    });
  });

  it('follows the latest poll of the job, then takes its summary', () => {
    const started = { type: 'job' as const, job: job({ status: 'queued', progress_percent: 0 }), receivedAt: 0 };
    expect(runOutcome(started, undefined)).toMatchObject({ summary: null, finished: false, error: null });
    expect(runOutcome(started, job({ progress_percent: 50 })).job?.progress_percent).toBe(50);
    const s = summary({ created: 300 });
    expect(runOutcome(started, job({ status: 'succeeded', summary: s }))).toMatchObject({ summary: s, finished: true, error: null });
  });

  it('ignores a poll of another job', () => {
    const started = { type: 'job' as const, job: job({ id: 8, status: 'queued' }), receivedAt: 0 };
    expect(runOutcome(started, job({ id: 7, status: 'succeeded', summary: summary() })).finished).toBe(false);
  });

  it('reports why a job failed', () => {
    const started = { type: 'job' as const, job: job(), receivedAt: 0 };
    const failed = runOutcome(started, job({ status: 'failed', error: 'Bị gián đoạn do máy chủ khởi động lại.' }));
    expect(failed).toMatchObject({ summary: null, finished: true, error: 'Bị gián đoạn do máy chủ khởi động lại.' });
    expect(runOutcome(started, job({ status: 'failed', error: null })).error).toBe('');
  });
});

describe('summaryRows', () => {
  it('lists total, created, updated, unchanged and rejected in this order', () => {
    const rows = summaryRows(summary({ total: 12, created: 6, updated: 2, unchanged: 2, rejected: 2, status: 'completed', atomic: false }));
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['total', 12],
      ['created', 6],
      ['updated', 2],
      ['unchanged', 2],
      ['rejected', 2],
    ]);
    expect(rows.map((r) => r.label)).toEqual([
      'imports.counts.total',
      'imports.counts.done.created',
      'imports.counts.done.updated',
      'imports.counts.done.unchanged',
      'imports.counts.done.rejected',
    ]);
    expect(rows.map((r) => r.tone)).toEqual(['plain', 'ok', 'ok', 'plain', 'error']);
  });

  it('speaks of what would happen in a dry run, and of nothing saved when refused as a whole', () => {
    expect(summaryRows(summary({ dry_run: true, status: 'dry_run' }))[1]!.label).toBe('imports.counts.would.created');
    expect(summaryRows(summary({ status: 'rejected', rejected: 2 }))[1]!.label).toBe('imports.counts.notSaved.created');
  });

  it('does not highlight zero counts', () => {
    const rows = summaryRows(summary({ created: 0, updated: 0, rejected: 0 }));
    expect(rows.every((r) => r.tone === 'plain')).toBe(true);
  });
});

describe('summaryOutcome and jobOutcome', () => {
  it('tells a clean dry run from one with errors', () => {
    expect(summaryOutcome(summary({ dry_run: true, status: 'dry_run', rejected: 0 }))).toBe('checked');
    expect(summaryOutcome(summary({ dry_run: true, status: 'dry_run', rejected: 2 }))).toBe('checkedWithErrors');
  });

  it('tells a full import, a partial one and a refused one apart', () => {
    expect(summaryOutcome(summary())).toBe('completed');
    expect(summaryOutcome(summary({ atomic: false, rejected: 2 }))).toBe('partial');
    expect(summaryOutcome(summary({ status: 'rejected', rejected: 2 }))).toBe('rejected');
  });

  it('names a job by its status until it succeeded, then by its summary', () => {
    expect(jobOutcome(job({ status: 'queued' }))).toBe('queued');
    expect(jobOutcome(job({ status: 'running' }))).toBe('running');
    expect(jobOutcome(job({ status: 'failed' }))).toBe('failed');
    expect(jobOutcome(job({ status: 'succeeded', summary: summary({ status: 'rejected' }) }))).toBe('rejected');
    expect(jobOutcome(job({ status: 'succeeded', dry_run: true, summary: null }))).toBe('dry_run');
    expect(jobOutcome(job({ status: 'succeeded', summary: null }))).toBe('completed');
  });
});

describe('rowErrorText', () => {
  const error = { message_vi: 'Thiếu giá trị bắt buộc.', message_en: 'A value is required.' };

  it('shows the Vietnamese reason with the English one as a tooltip', () => {
    expect(rowErrorText(error, 'vi')).toEqual({ text: 'Thiếu giá trị bắt buộc.', title: 'A value is required.' });
  });

  it('shows the English reason when the UI is English', () => {
    expect(rowErrorText(error, 'en')).toEqual({ text: 'A value is required.', title: 'Thiếu giá trị bắt buộc.' });
    expect(rowErrorText(error, 'en-GB').text).toBe('A value is required.');
  });

  it('falls back to the other language when one is missing', () => {
    expect(rowErrorText({ message_vi: '', message_en: 'Unknown unit.' }, 'vi').text).toBe('Unknown unit.');
  });
});

describe('canImport', () => {
  const base = { hasFile: true, busy: false, checked: null, atomic: true, imported: false };

  it('needs a dry run without rejected rows for an all-or-nothing import', () => {
    expect(canImport(base)).toBe(false);
    expect(canImport({ ...base, checked: { rejected: 2 } })).toBe(false);
    expect(canImport({ ...base, checked: { rejected: 0 } })).toBe(true);
  });

  it('is enabled when the good rows are kept', () => {
    expect(canImport({ ...base, atomic: false })).toBe(true);
    expect(canImport({ ...base, atomic: false, checked: { rejected: 2 } })).toBe(true);
  });

  it('is disabled without a file, while busy, and once the file was imported', () => {
    const ok = { ...base, checked: { rejected: 0 } };
    expect(canImport({ ...ok, hasFile: false })).toBe(false);
    expect(canImport({ ...ok, busy: true })).toBe(false);
    expect(canImport({ ...ok, imported: true })).toBe(false);
    expect(canImport({ ...ok, atomic: false, busy: true })).toBe(false);
  });
});

describe('idempotency', () => {
  const file = { name: 'can-bo.csv', size: 1234, lastModified: 1700000000000 };

  it('gives the same signature to the same file and options only', () => {
    const a = importSignature('staff', file, 'create_and_update', true);
    expect(importSignature('staff', { ...file }, 'create_and_update', true)).toBe(a);
    expect(importSignature('units', file, 'create_and_update', true)).not.toBe(a);
    expect(importSignature('staff', { ...file, lastModified: 1700000000001 }, 'create_and_update', true)).not.toBe(a);
    expect(importSignature('staff', { ...file, size: 1235 }, 'create_and_update', true)).not.toBe(a);
    expect(importSignature('staff', file, 'create', true)).not.toBe(a);
    expect(importSignature('staff', file, 'create_and_update', false)).not.toBe(a);
  });

  it('makes version 4 UUIDs, also without crypto.randomUUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newIdempotencyKey()).toMatch(uuid);
    const plain = { getRandomValues: (a: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(a) };
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey(plain)));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(uuid);
    const zeros = { getRandomValues: (a: Uint8Array<ArrayBuffer>) => a };
    expect(newIdempotencyKey(zeros)).toBe('00000000-0000-4000-8000-000000000000');
  });
});

describe('formatBytes', () => {
  it('uses B, KB and MB with a decimal comma in Vietnamese', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(20 * 1024)).toBe('20 KB');
    expect(formatBytes(2.25 * 1024 * 1024, 'en-GB')).toBe('2.3 MB');
  });
});

describe('labels', () => {
  it('names every kind, strategy, job outcome and file button in both languages', () => {
    expect(vi.imports.kinds).toEqual({
      units: 'Đơn vị',
      staff: 'Cán bộ',
      users: 'Tài khoản',
      assessment_entries: 'Giá trị chỉ tiêu tự đánh giá',
      activities: 'Hoạt động',
      initiatives: 'Sáng kiến',
    });
    expect(vi.imports.strategies).toEqual({
      create_and_update: 'Tạo mới và cập nhật',
      create: 'Chỉ tạo mới',
      update: 'Chỉ cập nhật',
    });
    for (const catalogue of [vi.imports, en.imports]) {
      for (const k of IMPORT_KINDS) expect(catalogue.kinds[k], k).toBeTruthy();
      for (const s of STRATEGIES) expect(catalogue.strategies[s], s).toBeTruthy();
      for (const s of STRATEGIES) expect(catalogue.strategyHints[s], s).toBeTruthy();
      for (const o of ['queued', 'running', 'failed', 'dry_run', 'completed', 'rejected'] as const)
        expect(catalogue.outcomes[o], o).toBeTruthy();
      for (const o of ['checked', 'checkedWithErrors', 'completed', 'partial', 'rejected'] as const)
        expect(catalogue.outcome[o], o).toBeTruthy();
      for (const f of TEMPLATE_FORMATS) expect(catalogue.template[f], f).toBeTruthy();
      for (const f of FILE_FORMATS) expect(catalogue.export[f], f).toBeTruthy();
    }
  });

  it('has the labels the screen is tested by', () => {
    expect(vi.imports.upload.file).toBe('Tệp dữ liệu');
    expect(vi.imports.upload.check).toBe('Kiểm tra (chạy thử)');
    expect(vi.imports.upload.run).toBe('Nhập dữ liệu');
    expect(vi.imports.upload.keepGood).toBe('Giữ các dòng hợp lệ (không nhập theo kiểu tất cả hoặc không có gì)');
    expect(vi.imports.errors.title).toBe('Lỗi từng dòng');
    expect([vi.imports.errors.row, vi.imports.errors.column, vi.imports.errors.value, vi.imports.errors.reason]).toEqual([
      'Dòng',
      'Cột',
      'Giá trị',
      'Lý do',
    ]);
    expect(vi.imports.progress.import).toBe('Tiến độ nhập');
    expect(vi.imports.nav).toBe('Nhập dữ liệu');
  });

  it('labels every count a summary shows', () => {
    const all = summaryRows(summary()).concat(
      summaryRows(summary({ dry_run: true, status: 'dry_run' })),
      summaryRows(summary({ status: 'rejected' })),
    );
    const get = (tree: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
    for (const r of all) {
      expect(get(vi, r.label), r.label).toEqual(expect.any(String));
      expect(get(en, r.label), r.label).toEqual(expect.any(String));
    }
  });
});

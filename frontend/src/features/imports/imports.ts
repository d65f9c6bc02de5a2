/**
 * Pure helpers of the bulk import screen: the file format from its name, the request's media type,
 * when to stop polling a background job, what a summary shows, when "Nhập dữ liệu" may be pressed.
 */
import type { FileFormat, ImportJob, ImportSummary, RowError, Strategy } from './types';

/** A background job is polled this often until it has finished. */
export const POLL_MS = 1000;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Type of the raw request body for each format. */
export const MEDIA_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv',
  xlsx: XLSX_MEDIA_TYPE,
  json: 'application/json',
};

/** `accept` of the file input: the extensions and their media types. */
export const FILE_ACCEPT = ['.csv', '.xlsx', '.json', MEDIA_TYPES.csv, MEDIA_TYPES.xlsx, MEDIA_TYPES.json].join(',');

/** "can-bo.CSV" → "csv"; null for any other extension (or none). */
export function formatFromFileName(name: string): FileFormat | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(name.trim());
  const ext = match?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'xlsx' || ext === 'json' ? ext : null;
}

// --- background jobs ------------------------------------------------------------------------------

type HasStatus = Pick<ImportJob, 'status'>;

export function isJobFinished(job: HasStatus): boolean {
  return job.status === 'succeeded' || job.status === 'failed';
}

/** TanStack Query's refetchInterval for a job: every second until it succeeded or failed. */
export function jobPollInterval(job: HasStatus | null | undefined): number | false {
  return !job || isJobFinished(job) ? false : POLL_MS;
}

/** Value of the progress bar (0–100): a succeeded job is full whatever the estimate said. */
export function progressPercent(job: Pick<ImportJob, 'status' | 'progress_percent'>): number {
  if (job.status === 'succeeded') return 100;
  const p = Number.isFinite(job.progress_percent) ? job.progress_percent : 0;
  return Math.round(Math.min(100, Math.max(0, p)));
}

/** What a request started: an answer at once (200), or a background job to follow (202). */
export type Started =
  | { type: 'summary'; summary: ImportSummary; replayed: boolean }
  | { type: 'job'; job: ImportJob; receivedAt: number };

export interface RunOutcome {
  /** the job being followed (latest poll), null for an answer given at once */
  job: ImportJob | null;
  /** the final summary, once there is one */
  summary: ImportSummary | null;
  finished: boolean;
  /** why a job failed (nothing was stored) */
  error: string | null;
}

/** Where a run stands, from what the request returned and the latest poll of its job (if any). */
export function runOutcome(started: Started, polled: ImportJob | undefined): RunOutcome {
  if (started.type === 'summary') return { job: null, summary: started.summary, finished: true, error: null };
  const job = polled && polled.id === started.job.id ? polled : started.job;
  const finished = isJobFinished(job);
  return {
    job,
    summary: job.status === 'succeeded' ? job.summary : null,
    finished,
    error: job.status === 'failed' ? job.error || '' : null,
  };
}

// --- summaries ------------------------------------------------------------------------------------

export type CountKey = 'total' | 'created' | 'updated' | 'unchanged' | 'rejected';

export interface CountRow {
  key: CountKey;
  /** i18n key of the label ("would be created" in a dry run, "created" after an import, …) */
  label: string;
  value: number;
  tone: 'plain' | 'ok' | 'error';
}

/** The counts of a summary as label/value rows, in a fixed order. */
export function summaryRows(summary: ImportSummary): CountRow[] {
  // a dry run tells what would happen; an all-or-nothing import refused for bad rows stored nothing
  const mode = summary.dry_run ? 'would' : summary.status === 'rejected' ? 'notSaved' : 'done';
  const row = (key: Exclude<CountKey, 'total'>, tone: CountRow['tone']): CountRow => ({
    key,
    label: `imports.counts.${mode}.${key}`,
    value: summary[key],
    tone: summary[key] > 0 ? tone : 'plain',
  });
  return [
    { key: 'total', label: 'imports.counts.total', value: summary.total, tone: 'plain' },
    row('created', 'ok'),
    row('updated', 'ok'),
    row('unchanged', 'plain'),
    row('rejected', 'error'),
  ];
}

/**
 * One word for a summary: a clean dry run, a dry run with errors, an import that stored everything,
 * one that stored the good rows only, or one refused as a whole (all-or-nothing with bad rows).
 */
export type SummaryOutcome = 'checked' | 'checkedWithErrors' | 'completed' | 'partial' | 'rejected';

export function summaryOutcome(summary: ImportSummary): SummaryOutcome {
  if (summary.dry_run || summary.status === 'dry_run') return summary.rejected > 0 ? 'checkedWithErrors' : 'checked';
  if (summary.status === 'rejected') return 'rejected';
  return summary.rejected > 0 ? 'partial' : 'completed';
}

/** A job's state in one word for the list: queued, running, failed, or its summary's status. */
export type JobOutcome = 'queued' | 'running' | 'failed' | ImportSummary['status'];

export function jobOutcome(job: Pick<ImportJob, 'status' | 'summary' | 'dry_run'>): JobOutcome {
  if (job.status !== 'succeeded') return job.status;
  return job.summary?.status ?? (job.dry_run ? 'dry_run' : 'completed');
}

/** The reason of a row error in the UI language; the other language as its tooltip. */
export function rowErrorText(error: Pick<RowError, 'message_vi' | 'message_en'>, language: string): { text: string; title: string } {
  const english = language.toLowerCase().startsWith('en');
  return english
    ? { text: error.message_en || error.message_vi, title: error.message_vi }
    : { text: error.message_vi || error.message_en, title: error.message_en };
}

// --- the import button ----------------------------------------------------------------------------

export interface ImportGate {
  /** a file with a known format is chosen */
  hasFile: boolean;
  /** a request or a job is under way */
  busy: boolean;
  /** the summary of the dry run of this very file and strategy, if one was made */
  checked: Pick<ImportSummary, 'rejected'> | null;
  /** all-or-nothing (the default); false keeps the good rows */
  atomic: boolean;
  /** this file was already imported */
  imported: boolean;
}

/** "Nhập dữ liệu" is enabled after a dry run without rejected rows, or when the good rows are kept. */
export function canImport(g: ImportGate): boolean {
  if (!g.hasFile || g.busy || g.imported) return false;
  if (!g.atomic) return true;
  return g.checked !== null && g.checked.rejected === 0;
}

/**
 * What one real import sends: the same file with the same options is the same import, so it keeps
 * its Idempotency-Key (a double click or a retry is answered with the first result).
 */
export function importSignature(
  kind: string,
  file: { name: string; size: number; lastModified: number },
  strategy: Strategy,
  atomic: boolean,
): string {
  return JSON.stringify([kind, file.name, file.size, file.lastModified, strategy, atomic]);
}

/** A random UUID (version 4), also where `crypto.randomUUID` is missing (plain http on a LAN address). */
export interface RandomSource {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  randomUUID?: () => string;
}

export function newIdempotencyKey(source: RandomSource = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const b = source.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** "12 KB", "1,5 MB" (decimal comma in Vietnamese). */
export function formatBytes(bytes: number, locale = 'vi-VN'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`;
}

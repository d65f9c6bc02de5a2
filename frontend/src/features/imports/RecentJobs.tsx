import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { PagedTable, type Column } from '../../components/DataTable';
import { useImportJobs } from './api/imports';
import { JobOutcomeBadge } from './badges';
import { formatBytes, jobOutcome } from './imports';
import { kindLabel } from './labels';
import type { ImportJob, ImportKind } from './types';

const COUNTS = ['total', 'created', 'updated', 'unchanged', 'rejected'] as const;

/** My recent import jobs (dry runs included), newest first. */
export function RecentJobs({
  kinds,
  offset,
  limit,
  onOffset,
}: {
  kinds: ImportKind[] | undefined;
  offset: number;
  limit: number;
  onOffset: (offset: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const query = useImportJobs({ limit, offset });
  const count = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString(locale()));

  const columns: Column<ImportJob>[] = [
    {
      key: 'kind',
      label: t('imports.jobs.kind'),
      render: (j) => kindLabel(t, i18n.language, j.kind, kinds?.find((k) => k.kind === j.kind)),
    },
    { key: 'time', label: t('imports.jobs.time'), render: (j) => formatDateTime(j.created_at) },
    {
      key: 'file',
      label: t('imports.jobs.file'),
      render: (j) => `${j.format.toUpperCase()}, ${formatBytes(j.size_bytes, locale())}${j.dry_run ? ` · ${t('imports.jobs.dryRun')}` : ''}`,
    },
    {
      key: 'status',
      label: t('imports.jobs.status'),
      render: (j) => (
        <>
          <JobOutcomeBadge outcome={jobOutcome(j)} />
          {j.status === 'running' && <span className="muted"> {j.progress_percent}%</span>}
          {j.status === 'failed' && j.error && <span className="import-job-error">{j.error}</span>}
        </>
      ),
    },
    ...COUNTS.map(
      (c): Column<ImportJob> => ({
        key: c,
        label: t(`imports.jobs.counts.${c}`),
        className: 'num',
        render: (j) => count(j.summary?.[c]),
      }),
    ),
  ];

  return (
    <section className="import-jobs" aria-labelledby="import-jobs-title">
      <h2 id="import-jobs-title">{t('imports.jobs.title')}</h2>
      <PagedTable query={query} columns={columns} rowKey={(j) => j.id} offset={offset} limit={limit} onOffset={onOffset} />
    </section>
  );
}

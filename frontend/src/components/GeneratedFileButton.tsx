import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../api/client';
import type { GeneratedFile } from '../api/types';
import { isGeneratedFinished, useGeneratedFile } from '../lib/queries/generatedFiles';
import { ErrorBanner } from './ErrorBanner';

/**
 * A large export or document batch (issue 19.1): the button asks the server, which builds the file
 * on its job queue; the progress shows while it is built, then a link downloads it. Asking again
 * (other filters, or a fresh copy) starts a new file.
 */
export function GeneratedFileButton({
  label,
  start,
  disabled = false,
}: {
  label: string;
  start: () => Promise<GeneratedFile>;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [fileId, setFileId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const followed = useGeneratedFile(fileId);
  const file = followed.data;
  const working = starting || (fileId !== null && !isGeneratedFinished(file));

  async function ask() {
    setStarting(true);
    setError(null);
    try {
      const created = await start();
      setFileId(created.id);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  }

  async function save(f: GeneratedFile) {
    setError(null);
    try {
      await downloadFile(f.download_url!, f.filename);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <span className="generated-file">
      <button type="button" onClick={() => void ask()} disabled={disabled || working}>
        {label}
      </button>
      {working && (
        <span role="status" className="muted">
          <progress max={100} value={file?.progress_percent ?? 0} aria-label={t('generatedFiles.progress')} />{' '}
          {file?.status === 'running'
            ? t('generatedFiles.running', { percent: file.progress_percent })
            : t('generatedFiles.queued')}
        </span>
      )}
      {file?.status === 'succeeded' && file.download_url && (
        <span role="status">
          {t('generatedFiles.ready')}{' '}
          <a
            href={file.download_url}
            onClick={(e) => {
              e.preventDefault();
              void save(file);
            }}
          >
            {t('generatedFiles.download', { filename: file.filename })}
          </a>
        </span>
      )}
      {file?.status === 'failed' && (
        <span role="alert" className="error">
          {t('generatedFiles.failed', { error: file.error ?? '' })}
        </span>
      )}
      <ErrorBanner error={error ?? followed.error} />
    </span>
  );
}

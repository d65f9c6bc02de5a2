import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../../api/types';
import { downloadFile } from '../../api/client';
import { ApiError } from '../../api/problem';
import { errorMessage } from '../../lib/errors';
import type { useAssessmentOps } from './api/assessments';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const FILE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx';

type Ops = ReturnType<typeof useAssessmentOps>;

function fieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const hit = error.problem.errors?.find((e) => e.path.split('.').pop() === field);
  return hit?.message;
}

/** Evidence of one indicator: the list (download, delete) and, when editable, file upload and link. */
export function EvidencePanel({
  entry,
  idBase,
  canEdit,
  ops,
  requiredError,
}: {
  entry: Entry;
  idBase: string;
  canEdit: boolean;
  ops: Ops;
  requiredError?: string;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  async function act(fn: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    setLocalError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) return setLocalError(t('evidence.chooseFile'));
    if (file.size > MAX_FILE_BYTES) return setLocalError(t('evidence.tooLarge'));
    if (await act(() => ops.uploadFile(entry.indicator_code, file))) {
      setFile(null);
      setFileKey((k) => k + 1);
    }
  }

  async function addLink(e: FormEvent) {
    e.preventDefault();
    if (!/^https?:\/\/\S+$/.test(url.trim())) return setLocalError(t('evidence.badUrl'));
    if (await act(() => ops.addLink(entry.indicator_code, url.trim(), title.trim()))) {
      setUrl('');
      setTitle('');
    }
  }

  const message =
    localError ??
    (error
      ? error instanceof ApiError && error.status === 413
        ? t('evidence.tooLarge')
        : [errorMessage(error, t), fieldMessage(error, 'file'), fieldMessage(error, 'url')].filter(Boolean).join(' ')
      : null);

  return (
    <div className="evidence">
      <h4>
        {t('evidence.title')}
        {entry.evidence_required && <span className="badge badge-warn">{t('evidence.required')}</span>}
      </h4>
      {entry.evidence.length === 0 ? (
        <p className="muted">{t('evidence.none')}</p>
      ) : (
        <ul className="evidence-list">
          {entry.evidence.map((ev) => (
            <li key={ev.id}>
              {ev.kind === 'link' && ev.url ? (
                <a href={ev.url} target="_blank" rel="noopener noreferrer">
                  {ev.title || ev.url}
                </a>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void act(() => downloadFile(ev.download_url ?? '', ev.filename ?? ev.title))}
                >
                  {ev.title || ev.filename}
                </button>
              )}{' '}
              <span className="muted">({t(`evidence.kinds.${ev.kind}`)})</span>
              {canEdit && (
                <button
                  type="button"
                  className="danger small"
                  disabled={busy}
                  aria-label={t('evidence.deleteNamed', { name: ev.title || ev.filename || ev.url })}
                  onClick={() => void act(() => ops.deleteEvidence(ev.id))}
                >
                  {t('common.delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {requiredError && entry.evidence.length === 0 && <p className="field-error">{requiredError}</p>}
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
      {canEdit && (
        <div className="evidence-add">
          <form onSubmit={(e) => void upload(e)} className="inline-form">
            <div className="field">
              <label htmlFor={`${idBase}-file`}>{t('evidence.file')}</label>
              <input
                key={fileKey}
                id={`${idBase}-file`}
                type="file"
                accept={FILE_ACCEPT}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
              <p className="field-hint">{t('evidence.fileHint')}</p>
            </div>
            <button type="submit" disabled={busy}>
              {t('evidence.upload')}
            </button>
          </form>
          <form onSubmit={(e) => void addLink(e)} className="inline-form">
            <div className="field">
              <label htmlFor={`${idBase}-url`}>{t('evidence.url')}</label>
              <input id={`${idBase}-url`} type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
            </div>
            <div className="field">
              <label htmlFor={`${idBase}-link-title`}>{t('evidence.linkTitle')}</label>
              <input id={`${idBase}-link-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
            </div>
            <button type="submit" disabled={busy}>
              {t('evidence.addLink')}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}

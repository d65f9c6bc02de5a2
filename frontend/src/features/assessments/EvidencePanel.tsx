import { useState, type DragEvent, type FormEvent } from 'react';
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

/** One file being sent: its share sent (0–1), then done or its error. */
interface Upload {
  key: string;
  name: string;
  share: number;
  state: 'waiting' | 'sending' | 'done' | 'failed';
  message?: string;
}

/** Evidence of one indicator: the list (download, delete) and, when editable, files (several at once, by
 * selection or drag-and-drop, each with its progress) and links. */
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
  const [fileKey, setFileKey] = useState(0);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
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

  /** Sends the files one after the other (each needs the version the previous one left); a refused
   * file (too large, wrong type) is reported on its line and the others go on. */
  async function uploadAll(files: File[]) {
    if (files.length === 0) return;
    const batch = files.map((f, n) => ({ key: `${Date.now()}-${n}-${f.name}`, name: f.name, share: 0, state: 'waiting' as const }));
    const update = (key: string, change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));
    setUploads(batch);
    setLocalError(null);
    setError(null);
    setBusy(true);
    try {
      for (const [n, file] of files.entries()) {
        const { key } = batch[n]!;
        if (file.size > MAX_FILE_BYTES) {
          update(key, { state: 'failed', message: t('evidence.tooLarge') });
          continue;
        }
        update(key, { state: 'sending' });
        try {
          await ops.uploadFileWithProgress(entry.indicator_code, file, (share) => update(key, { share }));
          update(key, { state: 'done', share: 1 });
        } catch (e) {
          const text =
            e instanceof ApiError && e.status === 413
              ? t('evidence.tooLarge')
              : [errorMessage(e, t), fieldMessage(e, 'file')].filter(Boolean).join(' ');
          update(key, { state: 'failed', message: text });
        }
      }
    } finally {
      setBusy(false);
      setFileKey((k) => k + 1);
    }
  }

  function drop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    if (!busy) void uploadAll(Array.from(e.dataTransfer.files));
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
          <div
            className={dragging ? 'dropzone dragging' : 'dropzone'}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={drop}
            data-testid={`${idBase}-dropzone`}
          >
            <div className="field">
              <label htmlFor={`${idBase}-file`}>{t('evidence.file')}</label>
              <input
                key={fileKey}
                id={`${idBase}-file`}
                type="file"
                multiple
                accept={FILE_ACCEPT}
                disabled={busy}
                aria-describedby={`${idBase}-file-hint`}
                onChange={(e) => void uploadAll(Array.from(e.target.files ?? []))}
              />
              <p className="field-hint" id={`${idBase}-file-hint`}>
                {t('demo.fill.dropHere')} {t('evidence.fileHint')}
              </p>
            </div>
            {uploads.length > 0 && (
              <ul className="upload-list" aria-live="polite">
                {uploads.map((u) => (
                  <li key={u.key} className={`upload-${u.state}`}>
                    <span className="upload-name">{u.name}</span>
                    <progress max={100} value={Math.round(u.share * 100)} aria-label={t('demo.fill.progressOf', { name: u.name })} />
                    <span>
                      {u.state === 'failed'
                        ? u.message
                        : u.state === 'done'
                          ? t('demo.fill.uploaded')
                          : u.state === 'sending'
                            ? `${Math.round(u.share * 100)} %`
                            : t('demo.fill.waiting')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
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

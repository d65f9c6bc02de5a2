import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAfterRun, useImportJob, useStartImport } from './api/imports';
import {
  FILE_ACCEPT,
  canImport,
  formatBytes,
  formatFromFileName,
  importSignature,
  newIdempotencyKey,
  runOutcome,
  type Started,
} from './imports';
import { RunView, type RunMode } from './RunView';
import { STRATEGIES, type ImportKind, type Strategy } from './types';

interface Run {
  mode: RunMode;
  started: Started;
}

/**
 * The file, the options, "Kiểm tra (chạy thử)" and "Nhập dữ liệu", then the preview or the result.
 * Mounted per kind (key), so choosing another kind starts afresh.
 */
export function ImportRunner({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [strategy, setStrategy] = useState<Strategy>('create_and_update');
  const [keepGood, setKeepGood] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  const start = useStartImport();
  const afterRun = useAfterRun();
  // one Idempotency-Key per real import: same file and options → same key (double click, retry)
  const idempotency = useRef<{ signature: string; key: string } | null>(null);
  const sending = useRef(false);

  const format = file ? formatFromFileName(file.name) : null;
  const atomic = !keepGood;
  const job = useImportJob(run?.started.type === 'job' ? run.started : null);
  const outcome = run ? runOutcome(run.started, job.data) : null;
  const checked = run?.mode === 'dry' && outcome?.summary ? outcome.summary : null;
  const imported = run?.mode === 'real' && !!outcome?.summary;
  const busyMode: RunMode | null = start.isPending
    ? start.variables?.dryRun
      ? 'dry'
      : 'real'
    : run && outcome && !outcome.finished
      ? run.mode
      : null;

  const finished = outcome?.finished ?? false;
  const failed = outcome?.error != null;
  useEffect(() => {
    if (!run || !finished) return;
    afterRun(kind.kind, run.mode === 'real' && !failed);
    // a failed job stored nothing: sending the file again is a new import with a new key
    if (run.mode === 'real' && failed) idempotency.current = null;
    // once per run, when it has finished (afterRun is a fresh closure on every render)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- kind and failed belong to the run
  }, [run, finished]);

  function reset() {
    setRun(null);
    start.reset();
  }

  function chooseFile(e: ChangeEvent<HTMLInputElement>) {
    setFile(e.target.files?.[0] ?? null);
    reset();
  }

  function keyFor(f: File): string {
    const signature = importSignature(kind.kind, f, strategy, atomic);
    if (idempotency.current?.signature !== signature) idempotency.current = { signature, key: newIdempotencyKey() };
    return idempotency.current.key;
  }

  function go(mode: RunMode) {
    if (!file || !format || sending.current) return;
    sending.current = true;
    start.mutate(
      {
        kind: kind.kind,
        file,
        format,
        dryRun: mode === 'dry',
        strategy,
        atomic,
        idempotencyKey: mode === 'real' ? keyFor(file) : undefined,
      },
      {
        onSuccess: (started) => setRun({ mode, started }),
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  }

  const busy = busyMode !== null;
  const fileError = file && !format ? t('imports.upload.badFormat') : undefined;
  const importEnabled = canImport({ hasFile: !!format, busy, checked, atomic, imported });
  const refused = imported && outcome?.summary?.status === 'rejected';
  const hint = imported && !refused
    ? t('imports.upload.done')
    : (refused || (checked && checked.rejected > 0)) && atomic
      ? t('imports.upload.fixFile')
      : t('imports.upload.needCheck');

  return (
    <section className="import-upload" aria-labelledby="import-upload-title">
      <h2 id="import-upload-title">{t('imports.upload.title')}</h2>
      <form className="form form-wide" noValidate onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="import-file">{t('imports.upload.file')}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept={FILE_ACCEPT}
            onChange={chooseFile}
            // choosing the same (corrected) file again must count as a new choice
            onClick={(e) => {
              e.currentTarget.value = '';
            }}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'import-file-error import-file-hint' : 'import-file-hint'}
          />
          <p className="field-hint" id="import-file-hint">
            {t('imports.upload.fileHint')}
          </p>
          {file && (
            <p className="import-file-chosen">
              {t('imports.upload.chosen', {
                name: file.name,
                size: formatBytes(file.size),
                format: format ? format.toUpperCase() : '?',
              })}
            </p>
          )}
          {fileError && (
            <p className="field-error" id="import-file-error">
              {fileError}
            </p>
          )}
        </div>
        <SelectField
          id="import-strategy"
          label={t('imports.upload.strategy')}
          hint={t(`imports.strategyHints.${strategy}`)}
          value={strategy}
          onChange={(v) => {
            setStrategy(v as Strategy);
            reset();
          }}
          options={STRATEGIES.map((s) => ({ value: s, label: t(`imports.strategies.${s}`) }))}
        />
        <CheckboxField id="import-keep-good" label={t('imports.upload.keepGood')} checked={keepGood} onChange={setKeepGood} />
        <p className="field-hint">{keepGood ? t('imports.upload.keepGoodOn') : t('imports.upload.keepGoodOff')}</p>
        <div className="form-actions">
          <button type="button" onClick={() => go('dry')} disabled={!format || busy}>
            {busyMode === 'dry' ? t('imports.upload.checking') : t('imports.upload.check')}
          </button>
          <button type="button" className="primary" onClick={() => go('real')} disabled={!importEnabled} aria-describedby="import-run-hint">
            {busyMode === 'real' ? t('imports.upload.running') : t('imports.upload.run')}
          </button>
        </div>
        <p className="field-hint" id="import-run-hint">
          {hint}
        </p>
      </form>
      <ErrorBanner error={start.error} />
      {run && outcome && (
        <RunView mode={run.mode} outcome={outcome} replayed={run.started.type === 'summary' && run.started.replayed} />
      )}
    </section>
  );
}

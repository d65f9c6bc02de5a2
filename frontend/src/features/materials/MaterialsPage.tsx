import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { useDownload } from '../../lib/useDownload';
import { useListParams } from '../../lib/useListParams';
import { DataTable, actionInHeading, ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SearchFilter } from '../../components/ListFilters';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { useMaterials, useRecognised, useShareMaterial } from './api/materials';
import { LICENCES, MATERIAL_ACCEPT, type Licence, type Material, type RecognisedMaterial } from './types';

/** Kho học liệu số dùng chung: every school browses and downloads; teachers share theirs. */
export function MaterialsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const q = p.get('q').trim() || undefined;
  const query = useMaterials({ q, subject: p.get('subject').trim() || undefined, limit: p.limit, offset: p.offset });
  const recognised = useRecognised(q);
  const download = useDownload();
  const [sharing, setSharing] = useState(false);
  const mayShare = me.permissions.includes('materials:write') && me.unit_id !== null;

  const columns: Column<Material>[] = [
    {
      key: 'title',
      label: t('communications.materials.titleField'),
      render: (m) => (
        <>
          <strong>{m.title}</strong>
          {m.description && <p className="muted pre-line">{m.description}</p>}
        </>
      ),
    },
    { key: 'subject', label: t('communications.materials.subject'), render: (m) => `${m.subject} · ${m.grade}` },
    { key: 'author', label: t('communications.materials.author'), render: (m) => `${m.author} (${m.unit_name})` },
    { key: 'licence', label: t('communications.materials.licence'), render: (m) => t(`communications.licences.${m.licence}`) },
    {
      key: 'get',
      label: t('communications.materials.get'),
      render: (m) => (
        <div className="actions">
          {m.file_url && (
            <button
              type="button"
              className="link-button"
              aria-label={t('communications.materials.downloadOf', { title: m.title })}
              disabled={download.busy === m.file_url}
              onClick={() => download.run(m.file_url!, m.file_name ?? 'hoc-lieu')}
            >
              {t('communications.materials.download')}
            </button>
          )}
          {m.url && (
            <a href={m.url} target="_blank" rel="noopener noreferrer">
              {t('communications.materials.open')}
            </a>
          )}
        </div>
      ),
    },
  ];

  return (
    <ListPage
      title={t('communications.materials.title')}
      action={
        mayShare && !sharing && actionInHeading(query) ? (
          <button type="button" className="primary" onClick={() => setSharing(true)}>
            {t('communications.materials.share')}
          </button>
        ) : undefined
      }
      filters={
        <>
          <SearchFilter p={p} />
          <TextField
            id="subject-filter"
            label={t('communications.materials.subject')}
            value={p.get('subject')}
            onChange={(v) => p.set('subject', v)}
          />
        </>
      }
    >
      <p className="muted">{t('communications.materials.hint')}</p>
      {sharing && <ShareForm onClose={() => setSharing(false)} />}
      <ErrorBanner error={download.error} />
      <PagedTable
        query={query}
        columns={columns}
        rowKey={(m) => m.id}
        offset={p.offset}
        limit={p.limit}
        onOffset={p.setOffset}
        empty={{
          message: t('demo.empty.materials'),
          action:
            mayShare && !sharing ? (
              <button type="button" className="primary" onClick={() => setSharing(true)}>
                {t('communications.materials.share')}
              </button>
            ) : undefined,
        }}
      />
      <h2>{t('communications.materials.recognisedTitle')}</h2>
      <p className="muted">{t('communications.materials.recognisedHint')}</p>
      <ErrorBanner error={recognised.error} />
      {recognised.isPending ? <Loading /> : recognised.data ? <RecognisedTable rows={recognised.data.items} /> : null}
    </ListPage>
  );
}

function RecognisedTable({ rows }: { rows: RecognisedMaterial[] }) {
  const { t } = useTranslation();
  const columns: Column<RecognisedMaterial>[] = [
    { key: 'title', label: t('communications.materials.titleField'), render: (r) => r.title },
    { key: 'authors', label: t('communications.materials.author'), render: (r) => `${r.authors.join(', ')} (${r.unit_name})` },
    {
      key: 'level',
      label: t('communications.materials.recognition'),
      render: (r) => `${r.recognition_level_label}${r.recognition_date ? ` · ${formatDate(r.recognition_date)}` : ''}`,
    },
    {
      key: 'links',
      label: t('communications.materials.get'),
      render: (r) =>
        r.links.length === 0
          ? '—'
          : r.links.map((url) => (
              <a key={url} href={url} target="_blank" rel="noopener noreferrer">
                {t('communications.materials.open')}
              </a>
            )),
    },
  ];
  return <DataTable columns={columns} rows={rows} rowKey={(r) => r.initiative_id} />;
}

function ShareForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const share = useShareMaterial();
  const [title, setTitle] = useState('');
  const [author, setAuthor] = useState('');
  const [subject, setSubject] = useState('');
  const [grade, setGrade] = useState('');
  const [licence, setLicence] = useState<Licence>('cc_by');
  const [description, setDescription] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = share.error instanceof ApiError ? fieldErrors(share.error.problem) : {};
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    share.mutate(
      {
        body: { title: title.trim(), author: author.trim(), subject: subject.trim(), grade: grade.trim(), licence, description: description.trim(), url: url.trim() || null },
        file,
      },
      { onSuccess: (m) => setDone(m.title) },
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="share-title">
      <h2 id="share-title">{t('communications.materials.share')}</h2>
      <ErrorBanner error={share.error} />
      <TextField id="title" label={t('communications.materials.titleField')} value={title} onChange={setTitle} error={errors.title} required />
      <TextField id="author" label={t('communications.materials.author')} value={author} onChange={setAuthor} error={errors.author} required />
      <TextField id="subject" label={t('communications.materials.subject')} value={subject} onChange={setSubject} error={errors.subject} required />
      <TextField
        id="grade"
        label={t('communications.materials.grade')}
        hint={t('communications.materials.gradeHint')}
        value={grade}
        onChange={setGrade}
        error={errors.grade}
        required
      />
      <SelectField
        id="licence"
        label={t('communications.materials.licence')}
        value={licence}
        onChange={(v) => setLicence(v as Licence)}
        error={errors.licence}
        options={LICENCES.map((l) => ({ value: l, label: t(`communications.licences.${l}`) }))}
      />
      <TextAreaField id="description" label={t('communications.materials.description')} value={description} onChange={setDescription} error={errors.description} />
      <TextField id="url" type="url" label={t('communications.materials.link')} hint={t('communications.linkHint')} value={url} onChange={setUrl} error={errors.url} />
      <div className="field">
        <label htmlFor="file">{t('communications.materials.file')}</label>
        <input id="file" name="file" type="file" accept={MATERIAL_ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <p className="field-hint">{t('communications.materials.fileHint')}</p>
        {errors.file && <p className="field-error">{errors.file}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={share.isPending}>
          {t('communications.materials.shareSave')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
      {done && (
        <p className="alert alert-ok" role="status">
          {t('communications.materials.shared', { title: done })}
        </p>
      )}
    </form>
  );
}

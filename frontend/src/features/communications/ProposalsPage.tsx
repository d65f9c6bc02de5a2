import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextAreaField, TextField } from '../../components/fields';
import { useCreateProposal, useInfoCorners, useProposals, useSaveCorner } from './api/communications';
import { PROPOSAL_STATUSES, type Proposal, type ProposalStatus } from './types';

const BADGE: Record<ProposalStatus, string> = {
  draft: 'badge badge-off',
  submitted: 'badge badge-info',
  returned: 'badge badge-warn',
  published: 'badge badge-ok',
};

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return <span className={BADGE[status]}>{t(`communications.proposalStatuses.${status}`)}</span>;
}

/** Bài gương điển hình do trường đề xuất: the school writes and sends; communications reviews. */
export function ProposalsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const [writing, setWriting] = useState(false);
  const query = useProposals({
    status: PROPOSAL_STATUSES.find((s): s is ProposalStatus => s === p.get('status')),
    limit: p.limit,
    offset: p.offset,
  });
  const mayPropose = me.permissions.includes('stories:propose') && me.unit_id !== null;
  const columns: Column<Proposal>[] = [
    { key: 'title', label: t('communications.proposalTitle'), render: (x) => <Link to={`/story-proposals/${x.id}`}>{x.title}</Link> },
    { key: 'school', label: t('communications.school'), render: (x) => x.unit_name },
    { key: 'status', label: t('communications.status'), render: (x) => <ProposalStatusBadge status={x.status} /> },
    { key: 'updated', label: t('fields.updatedAt'), render: (x) => formatDateTime(x.updated_at) },
  ];
  return (
    <ListPage
      title={t('communications.proposalsTitle')}
      action={
        mayPropose && !writing ? (
          <button type="button" className="primary" onClick={() => setWriting(true)}>
            {t('communications.newProposal')}
          </button>
        ) : undefined
      }
      filters={
        <SelectFilter
          p={p}
          name="status"
          label={t('communications.status')}
          options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`communications.proposalStatuses.${s}`) }))}
        />
      }
    >
      <p className="muted">{t('communications.proposalsHint')}</p>
      {writing && <NewProposalForm onCancel={() => setWriting(false)} />}
      {me.permissions.includes('info_corners:write') && me.unit_id !== null && <InfoCornerForm unitId={me.unit_id} />}
      <PagedTable query={query} columns={columns} rowKey={(x) => x.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

function NewProposalForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateProposal();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [body, setBody] = useState('');
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ title, summary, body }, { onSuccess: (made) => navigate(`/story-proposals/${made.id}`) });
  }
  return (
    <form className="form form-wide" onSubmit={submit} noValidate aria-labelledby="new-proposal">
      <h2 id="new-proposal">{t('communications.newProposal')}</h2>
      <ErrorBanner error={create.error} />
      <TextField id="title" label={t('communications.proposalTitle')} value={title} onChange={setTitle} error={errors.title} required />
      <TextAreaField id="summary" label={t('communications.summary')} value={summary} onChange={setSummary} error={errors.summary} rows={2} />
      <TextAreaField
        id="body"
        label={t('communications.body')}
        hint={t('communications.bodyHint')}
        value={body}
        onChange={setBody}
        error={errors.body}
        rows={8}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('communications.saveDraft')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Chuyên mục, góc thông tin về Phong trào trên website của trường (Kế hoạch, mục V.4.3). */
function InfoCornerForm({ unitId }: { unitId: number }) {
  const corners = useInfoCorners();
  const mine = corners.data?.items.find((c) => c.unit_id === unitId);
  if (corners.isPending) return null;
  // Keyed by the unit, not the version: a save bumps the version, and remounting the fields then would
  // wipe the "saved" confirmation the moment the list is refetched.
  return (
    <InfoCornerFields key={unitId} unitId={unitId} url={mine?.url ?? ''} title={mine?.title ?? ''} version={mine?.version} />
  );
}

function InfoCornerFields({ unitId, url: url0, title: title0, version }: { unitId: number; url: string; title: string; version?: number }) {
  const { t } = useTranslation();
  const save = useSaveCorner(unitId, version);
  const [url, setUrl] = useState(url0);
  const [title, setTitle] = useState(title0);
  const [saved, setSaved] = useState(false);
  const errors = save.error instanceof ApiError ? fieldErrors(save.error.problem) : {};
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate({ url: url.trim(), title: title.trim() }, { onSuccess: () => setSaved(true) });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="corner-title">
      <h2 id="corner-title">{t('communications.cornerTitle')}</h2>
      <p className="muted">{t('communications.cornerHint')}</p>
      <ErrorBanner error={save.error} />
      <TextField id="url" type="url" label={t('communications.cornerUrl')} value={url} onChange={setUrl} error={errors.url} required />
      <TextField id="corner_title" label={t('communications.cornerName')} value={title} onChange={setTitle} error={errors.title} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('communications.cornerSave')}
        </button>
      </div>
      {saved && (
        <p className="alert alert-ok" role="status">
          {t('communications.cornerSaved')} <Link to="/goc-thong-tin">{t('communications.cornerPublic')}</Link>
        </p>
      )}
    </form>
  );
}

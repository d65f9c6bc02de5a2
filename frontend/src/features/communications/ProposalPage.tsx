import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { formatDateTime } from '../../lib/format';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { StoryBody } from '../../components/StoryBody';
import { TextAreaField, TextField } from '../../components/fields';
import { useProposal, useProposalAction, useUpdateProposal } from './api/communications';
import { ProposalStatusBadge } from './ProposalsPage';
import type { Proposal } from './types';

export function ProposalPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useProposal(id);
  const [editing, setEditing] = useState(false);
  const p = query.data;
  return (
    <section>
      <p>
        <Link to="/story-proposals">← {t('communications.proposalsTitle')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : p ? (
        <>
          <div className="page-head">
            <h1>{p.title}</h1>
            <ProposalStatusBadge status={p.status} />
          </div>
          <p className="muted">
            {p.unit_name} · {p.author_name} · {formatDateTime(p.updated_at)}
          </p>
          {p.review_note && p.status === 'returned' && (
            <div className="alert alert-info" role="note">
              <strong>{t('communications.reviewNote')}:</strong> <span className="pre-line">{p.review_note}</span>
            </div>
          )}
          {p.status === 'published' && p.story_id !== null && (
            <p className="alert alert-ok">
              {t('communications.publishedAs')} <Link to={`/guong-dien-hinh/${p.story_id}`}>{t('communications.openPublic')}</Link>
            </p>
          )}
          {editing ? (
            <EditForm p={p} onDone={() => setEditing(false)} />
          ) : (
            <>
              {p.summary && <p className="pre-line">{p.summary}</p>}
              <StoryBody body={p.body} />
              <Actions p={p} onEdit={() => setEditing(true)} />
            </>
          )}
        </>
      ) : null}
    </section>
  );
}

function Actions({ p, onEdit }: { p: Proposal; onEdit: () => void }) {
  const { t } = useTranslation();
  const act = useProposalAction();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const errors = act.error instanceof ApiError ? fieldErrors(act.error.problem) : {};
  function sendBack(e: FormEvent) {
    e.preventDefault();
    act.mutate({ p, action: 'return', note }, { onSuccess: () => setReturning(false) });
  }
  if (p.allowed_actions.length === 0) return null;
  return (
    <>
      <ErrorBanner error={act.error} />
      <div className="actions">
        {p.allowed_actions.includes('update') && (
          <button type="button" onClick={onEdit}>
            {t('communications.edit')}
          </button>
        )}
        {p.allowed_actions.includes('submit') && (
          <button type="button" className="primary" disabled={act.isPending} onClick={() => act.mutate({ p, action: 'submit' })}>
            {t('communications.submit')}
          </button>
        )}
        {p.allowed_actions.includes('publish') && (
          <button type="button" className="primary" disabled={act.isPending} onClick={() => act.mutate({ p, action: 'publish' })}>
            {t('communications.publish')}
          </button>
        )}
        {p.allowed_actions.includes('return') && !returning && (
          <button type="button" onClick={() => setReturning(true)}>
            {t('communications.return')}
          </button>
        )}
      </div>
      {returning && (
        <form className="form return-box" onSubmit={sendBack} noValidate>
          <TextAreaField id="note" label={t('communications.returnNote')} value={note} onChange={setNote} error={errors.note} rows={3} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={act.isPending}>
              {t('communications.returnConfirm')}
            </button>
            <button type="button" onClick={() => setReturning(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

function EditForm({ p, onDone }: { p: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateProposal(p);
  const [title, setTitle] = useState(p.title);
  const [summary, setSummary] = useState(p.summary);
  const [body, setBody] = useState(p.body);
  const errors = update.error instanceof ApiError ? fieldErrors(update.error.problem) : {};
  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ title, summary, body }, { onSuccess: onDone });
  }
  return (
    <form className="form form-wide" onSubmit={submit} noValidate>
      <ErrorBanner error={update.error} />
      <TextField id="title" label={t('communications.proposalTitle')} value={title} onChange={setTitle} error={errors.title} required />
      <TextAreaField id="summary" label={t('communications.summary')} value={summary} onChange={setSummary} error={errors.summary} rows={2} />
      <TextAreaField id="body" label={t('communications.body')} hint={t('communications.bodyHint')} value={body} onChange={setBody} error={errors.body} rows={8} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('communications.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

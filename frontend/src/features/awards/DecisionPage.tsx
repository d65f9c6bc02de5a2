import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { AwardDecision, Awardee } from '../../api/types';
import { useMe } from '../../lib/auth';
import { changed } from '../../lib/form';
import { formatDate, formatDateTime } from '../../lib/format';
import { documentErrors } from '../../lib/indicators';
import { isConflict } from '../../lib/errors';
import { DataTable, type Column } from '../../components/DataTable';
import { TextAreaField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { fileUrls, startDossier, useAwardDecision, useDecisionChange, useDeleteAwardDecision } from './api/awards';
import { DecisionStatusBadge, decisionKindLabel } from './badges';
import { todayIso } from './dates';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { GeneratedFileButton } from '../../components/GeneratedFileButton';
import { useDownload } from '../../lib/useDownload';

const EDIT_FIELDS = ['number', 'signed_on', 'signer_name', 'signer_title'] as const;
const ANSWER_FIELDS = ['decision_number', 'decision_date', 'issuer', 'note', 'results'] as const;

/** Number, date and signer of a draft. */
function EditDraftForm({
  decision,
  change,
  onDone,
}: {
  decision: AwardDecision;
  change: ReturnType<typeof useDecisionChange>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(decision.number);
  const [signedOn, setSignedOn] = useState(decision.signed_on);
  const [signerName, setSignerName] = useState(decision.signer_name);
  const [signerTitle, setSignerTitle] = useState(decision.signer_title);
  const error = isConflict(change.error) ? null : change.error;
  const errors = error instanceof ApiError ? documentErrors(error.problem) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = changed(decision, {
      number: number.trim(),
      signed_on: signedOn,
      signer_name: signerName.trim(),
      signer_title: signerTitle.trim(),
    });
    if (Object.keys(body).length === 0) onDone();
    else change.mutate({ kind: 'update', body }, { onSuccess: onDone });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="edit-draft">
      <h2 id="edit-draft">{t('awards.decisions.editDraft')}</h2>
      <ErrorBanner error={error} fields={EDIT_FIELDS} />
      <TextField id="number" label={t('awards.decisions.number')} value={number} onChange={setNumber} error={errors.number} required />
      <TextField id="signed_on" type="date" label={t('awards.decisions.signedOn')} value={signedOn} onChange={setSignedOn} error={errors.signed_on} required />
      <TextField id="signer_name" label={t('awards.decisions.signerName')} value={signerName} onChange={setSignerName} error={errors.signer_name} required />
      <TextField id="signer_title" label={t('awards.decisions.signerTitle')} value={signerTitle} onChange={setSignerTitle} error={errors.signer_title} required />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          {t('awards.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The province's answer to the commune's proposal: its decision and, per nomination, granted or not. */
function ProvinceAnswerForm({ decision, change }: { decision: AwardDecision; change: ReturnType<typeof useDecisionChange> }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayIso());
  const [issuer, setIssuer] = useState(t('awardFlows.provinceIssuerDefault'));
  const [note, setNote] = useState('');
  const [accepted, setAccepted] = useState<Record<number, boolean>>(() =>
    Object.fromEntries(decision.awardees.map((a) => [a.nomination_id, true])),
  );
  const error = isConflict(change.error) ? null : change.error;
  const errors = error instanceof ApiError ? documentErrors(error.problem) : {};
  const rowError = (i: number) =>
    Object.entries(errors)
      .filter(([k]) => k === `results.${i}` || k.startsWith(`results.${i}.`))
      .map(([, v]) => v)
      .join(' ') || undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    change.mutate({
      kind: 'answer',
      body: {
        decision_number: number.trim(),
        decision_date: date,
        issuer: issuer.trim(),
        note: note.trim(),
        results: decision.awardees.map((a) => ({ nomination_id: a.nomination_id, accepted: accepted[a.nomination_id] !== false })),
      },
    });
  }

  return (
    <form className="form form-wide" onSubmit={submit} noValidate aria-labelledby="province-answer">
      <h2 id="province-answer">{t('awards.decisions.provinceAnswer')}</h2>
      <p className="field-hint">{t('awards.decisions.provinceAnswerHint')}</p>
      <ErrorBanner error={error} fields={ANSWER_FIELDS} />
      <div className="grid-2">
        <TextField
          id="decision_number"
          label={t('awards.decisions.provinceNumber')}
          value={number}
          onChange={setNumber}
          error={errors.decision_number}
          required
        />
        <TextField
          id="decision_date"
          type="date"
          label={t('awards.decisions.provinceDate')}
          value={date}
          onChange={setDate}
          error={errors.decision_date}
          required
        />
      </div>
      <TextField
        id="issuer"
        label={t('awardFlows.provinceIssuer')}
        hint={t('awardFlows.provinceIssuerHint')}
        value={issuer}
        onChange={setIssuer}
        error={errors.issuer}
        required
      />
      {errors.results && <p className="field-error">{errors.results}</p>}
      <ul className="attendee-list">
        {decision.awardees.map((a, i) => (
          <li key={a.nomination_id}>
            <fieldset className="field">
              <legend>
                {a.subject_name} <span className="muted">({a.unit_name} · {a.award_name})</span>
              </legend>
              <div className="radio-row">
                <label className="radio">
                  <input
                    type="radio"
                    name={`accepted-${a.nomination_id}`}
                    checked={accepted[a.nomination_id] !== false}
                    onChange={() => setAccepted((s) => ({ ...s, [a.nomination_id]: true }))}
                  />{' '}
                  {t('awards.decisions.accepted')}
                </label>
                <label className="radio">
                  <input
                    type="radio"
                    name={`accepted-${a.nomination_id}`}
                    checked={accepted[a.nomination_id] === false}
                    onChange={() => setAccepted((s) => ({ ...s, [a.nomination_id]: false }))}
                  />{' '}
                  {t('awards.decisions.declined')}
                </label>
              </div>
              {rowError(i) && <p className="field-error">{rowError(i)}</p>}
            </fieldset>
          </li>
        ))}
      </ul>
      <TextAreaField id="note" label={t('awards.decisions.provinceNote')} hint={t('awards.decisions.provinceNoteHint')} value={note} onChange={setNote} error={errors.note} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          {t('awards.decisions.saveAnswer')}
        </button>
      </div>
    </form>
  );
}

export function DecisionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useAwardDecision(id);
  const d = query.data;
  const change = useDecisionChange(d);
  const remove = useDeleteAwardDecision();
  const download = useDownload();
  const [confirming, setConfirming] = useState<'issue' | 'delete' | null>(null);
  const [editing, setEditing] = useState(false);
  const canWrite = me.permissions.includes('decisions:write');
  const can = (action: string) => !!d && d.allowed_actions.includes(action);

  const columns: Column<Awardee>[] = [
    { key: 'name', label: t('awards.decisions.subject'), render: (a) => a.subject_name },
    { key: 'unit', label: t('awards.decisions.unit'), render: (a) => a.unit_name },
    { key: 'award', label: t('awards.decisions.award'), render: (a) => a.award_name },
    { key: 'status', label: t('fields.status'), render: (a) => a.status },
    { key: 'code', label: t('awards.decisions.verificationCode'), render: (a) => a.verification_code ?? '' },
    {
      key: 'certificate',
      label: t('awards.decisions.certificateColumn'),
      render: (a) =>
        a.achievement_id ? (
          <button
            type="button"
            className="small"
            aria-label={t('awards.decisions.certificateOf', { name: a.subject_name })}
            disabled={download.busy !== null}
            onClick={() => download.run(fileUrls.certificate(a.achievement_id!), `giay-khen-${a.verification_code ?? a.achievement_id}.pdf`)}
          >
            {t('awards.decisions.certificate')}
          </button>
        ) : (
          ''
        ),
    },
  ];

  const documentLabel = d?.kind === 'proposal' ? t('awards.decisions.downloadProposal') : t('awards.decisions.downloadDocx');

  return (
    <section>
      <p>
        <Link to="/awards/decisions">← {t('awards.decisions.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {d && (
        <>
          <div className="page-head">
            <div>
              <h1>{t('awards.decisions.heading', { kind: decisionKindLabel(d.kind, t), number: d.number })}</h1>
              <p className="muted">
                {d.round_name} · {t(`awards.levels.${d.level}`)} · <DecisionStatusBadge status={d.status} />
              </p>
            </div>
            <div className="actions">
              {can('document') && (
                <button
                  type="button"
                  disabled={download.busy !== null}
                  onClick={() => download.run(fileUrls.decisionDocument(d.id), `${d.kind === 'proposal' ? 'to-trinh' : 'quyet-dinh'}-${d.id}.docx`)}
                >
                  {documentLabel}
                </button>
              )}
              {can('dossier') && <GeneratedFileButton label={t('awardFlows.dossier')} start={() => startDossier(d.id)} />}
              {can('list') && (
                <button type="button" disabled={download.busy !== null} onClick={() => download.run(fileUrls.decisionList(d.id), `danh-sach-${d.id}.xlsx`)}>
                  {t('awards.decisions.downloadXlsx')}
                </button>
              )}
              {canWrite && can('update') && !editing && !confirming && (
                <button type="button" onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </button>
              )}
              {canWrite && can('issue') && !confirming && (
                <button type="button" className="primary" onClick={() => setConfirming('issue')}>
                  {t('awards.decisions.issue')}
                </button>
              )}
              {canWrite && can('delete') && !confirming && (
                <button type="button" className="danger" onClick={() => setConfirming('delete')}>
                  {t('awards.decisions.deleteDraft')}
                </button>
              )}
            </div>
          </div>
          <ErrorBanner error={download.error} />
          {isConflict(change.error) && <ErrorBanner error={change.error} />}
          {confirming === 'issue' && (
            <div className="alert alert-info" role="alertdialog" aria-labelledby="issue-question">
              <p id="issue-question">
                {t('awards.decisions.issueConfirm', { kind: decisionKindLabel(d.kind, t).toLocaleLowerCase(), number: d.number, count: d.awardees.length })}
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={change.isPending}
                  onClick={() => change.mutate({ kind: 'issue' }, { onSettled: () => setConfirming(null) })}
                >
                  {t('awards.decisions.issue')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          )}
          {confirming === 'delete' && (
            <ConfirmDelete
              question={t('awards.decisions.deleteConfirm', { number: d.number })}
              yes={t('awards.decisions.deleteDraft')}
              busy={remove.isPending}
              onYes={() =>
                remove.mutate(d, {
                  onSuccess: () => navigate('/awards/decisions', { replace: true }),
                  onError: () => setConfirming(null),
                })
              }
              onCancel={() => setConfirming(null)}
            />
          )}
          <ErrorBanner error={remove.error} />
          {!editing && change.error != null && !isConflict(change.error) && change.variables?.kind === 'issue' && (
            <ErrorBanner error={change.error} fields={EDIT_FIELDS} />
          )}
          {editing && canWrite && can('update') ? (
            <EditDraftForm key={d.version} decision={d} change={change} onDone={() => setEditing(false)} />
          ) : (
            <dl className="details">
              <dt>{t('awards.decisions.kind')}</dt>
              <dd>{decisionKindLabel(d.kind, t)}</dd>
              <dt>{t('awards.decisions.level')}</dt>
              <dd>{t(`awards.levels.${d.level}`)}</dd>
              <dt>{t('awards.decisions.round')}</dt>
              <dd>
                <Link to={`/awards/rounds/${d.round_id}`}>{d.round_name}</Link>
              </dd>
              <dt>{t('awards.decisions.signedOn')}</dt>
              <dd>{formatDate(d.signed_on)}</dd>
              <dt>{t('awards.decisions.signer')}</dt>
              <dd>
                {d.signer_title} – {d.signer_name}
              </dd>
              {d.issued_at && (
                <>
                  <dt>{t('awards.decisions.issuedAt')}</dt>
                  <dd>{formatDateTime(d.issued_at)}</dd>
                </>
              )}
              {d.province_decision_number && (
                <>
                  <dt>{t('awards.decisions.provinceResult')}</dt>
                  <dd>
                    {t('awards.decisions.provinceResultText', { number: d.province_decision_number, date: formatDate(d.province_decision_date) })}
                    {d.province_issuer && <div>{t('awardFlows.provinceIssuedBy', { issuer: d.province_issuer })}</div>}
                    {d.province_note && <div className="pre-line">{d.province_note}</div>}
                  </dd>
                </>
              )}
            </dl>
          )}
          <h2>
            {t('awards.decisions.awardees')} ({d.awardees.length})
          </h2>
          <DataTable columns={columns} rows={d.awardees} rowKey={(a) => a.nomination_id} caption={t('awards.decisions.awardees')} />
          {canWrite && can('record_answer') && <ProvinceAnswerForm key={d.version} decision={d} change={change} />}
        </>
      )}
    </section>
  );
}

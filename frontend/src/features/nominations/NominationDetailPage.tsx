import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { formatDate, formatDateTime } from '../../lib/format';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import {
  useDeleteNomination,
  useNomination,
  useNominationChange,
  useRoundMeetings,
  useStaffMember,
  type NominationChange,
} from './api/nominations';
import { EligibilityChecklist } from './EligibilityChecklist';
import { AssessmentPicker, InitiativePicker } from './NomineeLinks';
import { NominationStatusBadge } from './NominationStatusBadge';
import {
  nominationFieldErrors,
  needsOverride,
  reasonLongEnough,
  reviewBody,
  voteText,
  type ReviewForm,
} from './nomination';
import type { Nomination } from './types';
import './nominations.css';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { useDownload } from '../../lib/useDownload';

const FIELDS = [
  'justification',
  'initiative_ids',
  'assessment_ids',
  'meeting_id',
  'votes_for',
  'votes_cast',
  'comment',
  'override_reason',
  'note',
  'reason',
  'assessment_id',
] as const;

type Errors = Record<string, string>;

/** Justification and linked achievements, editable while the nomination is a draft ("update"). */
function NominationEditor({
  n,
  errors,
  busy,
  onSave,
}: {
  n: Nomination;
  errors: Errors;
  busy: boolean;
  onSave: (body: { justification: string; initiative_ids: number[]; assessment_ids: number[] }) => void;
}) {
  const { t } = useTranslation();
  const individual = n.subject_kind === 'individual';
  const person = useStaffMember(individual ? n.staff_id : null);
  const [justification, setJustification] = useState(n.justification);
  const [initiatives, setInitiatives] = useState<number[]>(() => n.initiatives.map((i) => i.id));
  const [assessments, setAssessments] = useState<number[]>(() => n.assessments.map((a) => a.id));
  const [sent, setSent] = useState<{ initiatives: number[]; assessments: number[] }>({ initiatives: [], assessments: [] });

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = { justification: justification.trim(), initiative_ids: initiatives, assessment_ids: assessments };
    setSent({ initiatives, assessments });
    onSave(body);
  }

  return (
    <form className="form form-wide" onSubmit={submit} noValidate aria-label={t('nominations.editDraft')}>
      <h2>{t('nominations.editDraft')}</h2>
      <TextAreaField
        id="justification"
        label={t('nominations.justification')}
        hint={t('nominations.justificationHint')}
        value={justification}
        onChange={setJustification}
        error={errors.justification}
        rows={6}
      />
      <InitiativePicker
        subject={{ unitId: n.unit_id, staffId: n.staff_id, individual }}
        selected={initiatives}
        onChange={setInitiatives}
        errors={errors}
        sent={sent.initiatives}
        linked={n.initiatives}
      />
      <AssessmentPicker
        subject={{ unitId: individual ? (person.data?.unit_id ?? null) : n.unit_id, staffId: n.staff_id, individual }}
        selected={assessments}
        onChange={setAssessments}
        errors={errors}
        sent={sent.assessments}
        linked={n.assessments}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('nominations.saveDraft')}
        </button>
      </div>
    </form>
  );
}

/** What the nomination cites, read only. */
function NominationLinks({ n }: { n: Nomination }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('nominations.justification')}</h2>
      <p className="pre-line">{n.justification || t('common.none')}</p>
      <h2>{t('nominations.initiatives')}</h2>
      {n.initiatives.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <ul>
          {n.initiatives.map((i) => (
            <li key={i.id}>
              {i.title}{' '}
              <span className="muted">
                ({[i.school_year, i.recognition_level ? t(`nominations.levels.${i.recognition_level}`, { defaultValue: i.recognition_level }) : '']
                  .filter(Boolean)
                  .join(' · ')}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('nominations.assessments')}</h2>
      {n.assessments.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <ul>
          {n.assessments.map((a) => (
            <li key={a.id}>
              <Link to={`/assessments/${a.id}`}>{t('nominations.assessmentOf', { year: a.school_year })}</Link>{' '}
              <span className="muted">
                ({[
                  t(`assessments.statuses.${a.status}`, { defaultValue: a.status }),
                  a.classification_label ?? '',
                  a.completion_percent ? t('nominations.completion', { percent: a.completion_percent }) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The commune officer re-opens a nominee's individual self-assessment the school verified, with a
 * reason: it goes back to the teacher and is verified again (V.4.4, checked at commune level). */
function ReopenBox({ n, errors, busy, onReopen }: { n: Nomination; errors: Errors; busy: boolean; onReopen: (change: NominationChange) => void }) {
  const { t } = useTranslation();
  const verified = n.assessments.filter((a) => a.status === 'verified');
  const [chosen, setChosen] = useState(String(verified[0]?.id ?? ''));
  const [reason, setReason] = useState('');
  if (verified.length === 0) return null;
  function submit(e: FormEvent) {
    e.preventDefault();
    onReopen({ kind: 'reopenAssessment', assessmentId: Number(chosen), reason: reason.trim() });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="reopen-heading">
      <h2 id="reopen-heading">{t('nominations.reopenTitle')}</h2>
      <p className="muted">{t('nominations.reopenHint')}</p>
      <SelectField
        id="reopen-assessment"
        label={t('nominations.reopenWhich')}
        value={chosen}
        onChange={setChosen}
        options={verified.map((a) => ({ value: String(a.id), label: t('nominations.assessmentOf', { year: a.school_year }) }))}
        error={errors.assessment_id}
      />
      <TextAreaField id="reopen-reason" label={t('nominations.reopenReason')} value={reason} onChange={setReason} error={errors.reason} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t('nominations.reopen')}
        </button>
      </div>
    </form>
  );
}

/** "Phiên họp ngày …" of the meeting that reviewed the nomination. */
function MeetingName({ n }: { n: Nomination }) {
  const { t } = useTranslation();
  const meetings = useRoundMeetings(n.round_id, n.meeting_id !== null && n.meeting_id !== undefined);
  const m = meetings.data?.find((x) => x.id === n.meeting_id);
  if (!m) return null;
  return <span>{t('nominations.meetingOption', { date: formatDate(m.held_on), present: m.members_present.length, total: m.members_total })}</span>;
}

/** The council's vote, recorded by its secretary ("review"). */
function ReviewBox({ n, errors, busy, onReview }: { n: Nomination; errors: Errors; busy: boolean; onReview: (change: NominationChange) => void }) {
  const { t } = useTranslation();
  const meetings = useRoundMeetings(n.round_id, true);
  const [form, setForm] = useState<ReviewForm>({ meetingId: '', votesFor: '', votesCast: '', comment: '' });
  const [missing, setMissing] = useState<(keyof ReviewForm)[]>([]);
  const required = (k: keyof ReviewForm) => (missing.includes(k) ? t('nominations.required') : undefined);
  const update = (change: Partial<ReviewForm>) => setForm((f) => ({ ...f, ...change }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const result = reviewBody(form);
    if ('missing' in result) {
      setMissing(result.missing);
      return;
    }
    setMissing([]);
    onReview({ kind: 'review', body: result.body });
  }

  return (
    <form className="action-box" onSubmit={submit} noValidate aria-labelledby="review-heading">
      <h2 id="review-heading">{t('nominations.reviewTitle')}</h2>
      <ErrorBanner error={meetings.error} />
      {meetings.data && meetings.data.length === 0 && (
        <p className="alert alert-info">
          {t('nominations.noMeetings')} <Link to={`/awards/council/new?round_id=${n.round_id}`}>{t('nominations.toCouncil')}</Link>
        </p>
      )}
      <SelectField
        id="meeting_id"
        label={t('nominations.meeting')}
        value={form.meetingId}
        onChange={(v) => update({ meetingId: v })}
        empty={meetings.isPending ? t('common.loading') : t('common.choose')}
        options={(meetings.data ?? []).map((m) => ({
          value: String(m.id),
          label: t('nominations.meetingOption', { date: formatDate(m.held_on), present: m.members_present.length, total: m.members_total }),
        }))}
        error={errors.meeting_id ?? required('meetingId')}
        required
      />
      <div className="vote-inputs">
        <TextField
          id="votes_for"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          label={t('nominations.votesFor')}
          value={form.votesFor}
          onChange={(v) => update({ votesFor: v })}
          error={errors.votes_for ?? required('votesFor')}
          required
        />
        <TextField
          id="votes_cast"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          label={t('nominations.votesCast')}
          value={form.votesCast}
          onChange={(v) => update({ votesCast: v })}
          error={errors.votes_cast ?? required('votesCast')}
          required
        />
      </div>
      <TextAreaField
        id="comment"
        label={t('nominations.reviewComment')}
        value={form.comment}
        onChange={(v) => update({ comment: v })}
        error={errors.comment}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('nominations.recordReview')}
        </button>
      </div>
    </form>
  );
}

/** Approval ("approve") and rejection ("reject") by whoever the server allows. */
function DecisionBox({ n, errors, busy, onChange }: { n: Nomination; errors: Errors; busy: boolean; onChange: (change: NominationChange) => void }) {
  const { t } = useTranslation();
  const canApprove = n.allowed_actions.includes('approve');
  const canReject = n.allowed_actions.includes('reject');
  const [override, setOverride] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [reasonShort, setReasonShort] = useState(false);
  if (!canApprove && !canReject) return null;
  const askOverride = needsOverride(n, errors);

  return (
    <section className="action-box" aria-labelledby="decide-heading">
      <h2 id="decide-heading">{t('nominations.decideTitle')}</h2>
      {canApprove && (
        <form
          noValidate
          aria-label={t('nominations.approve')}
          onSubmit={(e) => {
            e.preventDefault();
            onChange({
              kind: 'approve',
              body: { override_reason: askOverride ? override.trim() || null : null, note: note.trim() },
            });
          }}
        >
          {askOverride && (
            <>
              <p className="alert alert-warn">{t('nominations.overrideWarning')}</p>
              <TextAreaField
                id="override_reason"
                label={t('nominations.overrideReason')}
                hint={t('nominations.reasonHint')}
                value={override}
                onChange={setOverride}
                error={errors.override_reason}
              />
            </>
          )}
          <TextAreaField id="note" label={t('nominations.approveNote')} value={note} onChange={setNote} error={errors.note} rows={2} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('nominations.approve')}
            </button>
          </div>
        </form>
      )}
      {canReject && (
        <form
          noValidate
          aria-label={t('nominations.reject')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!reasonLongEnough(reason)) {
              setReasonShort(true);
              return;
            }
            setReasonShort(false);
            onChange({ kind: 'reject', reason: reason.trim() });
          }}
        >
          <TextAreaField
            id="reason"
            label={t('nominations.rejectReason')}
            hint={t('nominations.reasonHint')}
            value={reason}
            onChange={setReason}
            error={errors.reason ?? (reasonShort ? t('nominations.reasonTooShort') : undefined)}
          />
          <div className="form-actions">
            <button type="submit" className="danger" disabled={busy}>
              {t('nominations.reject')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function NominationDetailPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useNomination(id);
  const n = query.data;
  const change = useNominationChange(n);
  const remove = useDeleteNomination();
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const download = useDownload();

  if (query.isPending)
    return (
      <section>
        <Loading />
      </section>
    );
  if (!n)
    return (
      <section>
        <p>
          <Link to="/awards/nominations">← {t('nominations.title')}</Link>
        </p>
        <ErrorBanner error={query.error} />
      </section>
    );

  const errors = change.error instanceof ApiError ? nominationFieldErrors(change.error.problem) : {};
  const run = (c: NominationChange, message: string) =>
    change.mutate(c, { onSuccess: () => setSaved(message), onError: () => setSaved(null) });
  const has = (action: string) => n.allowed_actions.includes(action);
  const votes = voteText(n, i18n.language !== 'en');

  return (
    <section>
      <p>
        <Link to="/awards/nominations">← {t('nominations.title')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{n.subject_name}</h1>
          <p className="muted">
            {n.award_name} · {n.round_name} · <NominationStatusBadge status={n.status} label={n.status_label} />
          </p>
        </div>
        <div className="actions">
          <button
            type="button"
            disabled={download.busy !== null}
            onClick={() => download.run(`/api/v1/nominations/${n.id}/achievement-report.docx`, `bao-cao-thanh-tich-${n.id}.docx`)}
          >
            {t('awardFlows.achievementReport')}
          </button>
          {has('submit') && (
            <button type="button" className="primary" disabled={change.isPending} onClick={() => run({ kind: 'submit' }, t('nominations.submitted'))}>
              {t('nominations.submit')}
            </button>
          )}
          {has('withdraw') && (
            <button type="button" disabled={change.isPending} onClick={() => run({ kind: 'withdraw' }, t('nominations.withdrawn'))}>
              {t('nominations.withdraw')}
            </button>
          )}
          {has('delete') && !confirming && (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              {t('nominations.delete')}
            </button>
          )}
        </div>
      </div>
      {confirming && (
        <ConfirmDelete
          question={t('nominations.deleteConfirm', { name: n.subject_name })}
          yes={t('nominations.deleteYes')}
          busy={remove.isPending}
          onYes={() =>
            remove.mutate(n, {
              onSuccess: () => navigate('/awards/nominations', { replace: true }),
              onError: (e) => {
                if (isConflict(e)) setConfirming(false);
              },
            })
          }
          onCancel={() => setConfirming(false)}
        />
      )}
      <ErrorBanner error={remove.error ?? download.error} />
      {n.override_reason && (
        <div className="alert alert-warn" role="note">
          <strong>{t('nominations.overridden')}</strong> <span className="pre-line">{n.override_reason}</span>
        </div>
      )}
      <ErrorBanner error={change.error} fields={FIELDS} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {saved}
        </p>
      )}

      <div className="nomination-layout">
        <div>
          <dl className="details">
            <dt>{t('nominations.subject')}</dt>
            <dd>
              {n.subject_name} <span className="muted">({t(`nominations.subjectKinds.${n.subject_kind}`)})</span>
            </dd>
            <dt>{t('nominations.unit')}</dt>
            <dd>{n.unit_name}</dd>
            <dt>{t('nominations.award')}</dt>
            <dd>
              {n.award_name} <span className="muted">({t(`nominations.levels.${n.level}`)})</span>
            </dd>
            <dt>{t('nominations.round')}</dt>
            <dd>{n.round_name}</dd>
            <dt>{t('nominations.status')}</dt>
            <dd>
              <NominationStatusBadge status={n.status} label={n.status_label} />
            </dd>
            {n.submitted_at && (
              <>
                <dt>{t('nominations.submittedAt')}</dt>
                <dd>{formatDateTime(n.submitted_at)}</dd>
              </>
            )}
            {n.decision_note && (
              <>
                <dt>{n.status === 'rejected' ? t('nominations.rejectReason') : t('nominations.approveNote')}</dt>
                <dd className="pre-line">{n.decision_note}</dd>
              </>
            )}
            {n.approved_at && (
              <>
                <dt>{n.status === 'rejected' ? t('nominations.rejectedAt') : t('nominations.approvedAt')}</dt>
                <dd>{formatDateTime(n.approved_at)}</dd>
              </>
            )}
            {n.decision_id !== null && n.decision_id !== undefined && (
              <>
                <dt>{t('nominations.decision')}</dt>
                <dd>
                  <Link to={`/awards/decisions/${n.decision_id}`}>{t('nominations.viewDecision')}</Link>
                </dd>
              </>
            )}
            <dt>{t('fields.updatedAt')}</dt>
            <dd>{formatDateTime(n.updated_at)}</dd>
          </dl>
          {has('update') ? (
            <NominationEditor
              key={n.version}
              n={n}
              errors={errors}
              busy={change.isPending}
              onSave={(body) => run({ kind: 'update', body }, t('nominations.saved'))}
            />
          ) : (
            <NominationLinks n={n} />
          )}
        </div>
        <div>
          <section aria-labelledby="eligibility-heading">
            <h2 id="eligibility-heading">{t('nominations.checklist')}</h2>
            <EligibilityChecklist result={n.eligibility} showEvaluatedAt />
          </section>
          <section aria-labelledby="vote-heading">
            <h2 id="vote-heading">{t('nominations.councilVote')}</h2>
            {votes === null ? (
              <p className="muted">{t('nominations.notReviewed')}</p>
            ) : (
              <dl className="details">
                <dt>{t('nominations.voteShare')}</dt>
                <dd>{t('nominations.voteLine', { votes })}</dd>
                {n.meeting_id !== null && n.meeting_id !== undefined && (
                  <>
                    <dt>{t('nominations.meeting')}</dt>
                    <dd>
                      <MeetingName n={n} />{' '}
                      <Link to={`/awards/council?round_id=${n.round_id}`}>{t('nominations.viewMeeting')}</Link>
                    </dd>
                  </>
                )}
                <dt>{t('nominations.reviewComment')}</dt>
                <dd className="pre-line">{n.review_comment || t('common.none')}</dd>
              </dl>
            )}
          </section>
          {has('reopen_assessment') && (
            <ReopenBox key={`reopen-${n.version}`} n={n} errors={errors} busy={change.isPending} onReopen={(c) => run(c, t('nominations.reopened'))} />
          )}
          {has('review') && (
            <ReviewBox key={`review-${n.version}`} n={n} errors={errors} busy={change.isPending} onReview={(c) => run(c, t('nominations.reviewed'))} />
          )}
          <DecisionBox
            key={`decide-${n.version}`}
            n={n}
            errors={errors}
            busy={change.isPending}
            onChange={(c) => run(c, c.kind === 'approve' ? t('nominations.approved') : t('nominations.rejected'))}
          />
        </div>
      </div>
    </section>
  );
}

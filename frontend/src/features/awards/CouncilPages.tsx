import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { CouncilMeeting, CouncilMeetingCreate } from '../../api/types';
import { useMe } from '../../lib/auth';
import { changed } from '../../lib/form';
import { documentErrors } from '../../lib/indicators';
import { isConflict } from '../../lib/errors';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import {
  fileUrls,
  useAwardRoundOptions,
  useCouncilMeeting,
  useCouncilMeetings,
  useCreateCouncilMeeting,
  useUpdateCouncilMeeting,
} from './api/awards';
import { useDownload } from '../../lib/useDownload';
import { useCommitteeForCouncil } from './api/committee';
import { formatDate } from '../../lib/format';

const MEETING_FIELDS = ['round_id', 'held_on', 'location', 'chair', 'secretary', 'members_present', 'members_total', 'notes'] as const;

/** Meetings of the commune's emulation-commendation council, per round, with their minutes. */
export function CouncilPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const rounds = useAwardRoundOptions(me.permissions.includes('award_rounds:read'));
  const roundId = Number(p.get('round_id')) || undefined;
  const query = useCouncilMeetings({ round_id: roundId, limit: p.limit, offset: p.offset });
  const download = useDownload();
  const canWrite = me.permissions.includes('nominations:review');

  const columns: Column<CouncilMeeting>[] = [
    { key: 'held', label: t('awards.council.heldOn'), render: (m) => formatDate(m.held_on) },
    { key: 'round', label: t('awards.council.round'), render: (m) => <Link to={`/awards/rounds/${m.round_id}`}>{m.round_name}</Link> },
    { key: 'location', label: t('awards.council.location'), render: (m) => m.location },
    { key: 'chair', label: t('awards.council.chair'), render: (m) => m.chair },
    {
      key: 'present',
      label: t('awards.council.attendance'),
      render: (m) => t('awards.council.attendanceText', { present: m.members_present.length, total: m.members_total }),
    },
    { key: 'reviewed', label: t('awards.council.reviewed'), className: 'col-num', render: (m) => m.reviewed_count },
    {
      key: 'actions',
      label: t('awards.actions'),
      render: (m) => (
        <div className="actions">
          {m.allowed_actions.includes('minutes') && (
            <button
              type="button"
              className="small"
              aria-label={t('awards.council.minutesOf', { date: formatDate(m.held_on) })}
              disabled={download.busy !== null}
              onClick={() => download.run(fileUrls.minutes(m.id), `bien-ban-hoi-dong-${m.id}.docx`)}
            >
              {t('awards.council.minutes')}
            </button>
          )}
          {canWrite && m.allowed_actions.includes('update') && (
            <Link className="button small" to={`/awards/council/${m.id}/edit`} aria-label={t('awards.council.editOf', { date: formatDate(m.held_on) })}>
              {t('common.edit')}
            </Link>
          )}
        </div>
      ),
    },
  ];

  return (
    <ListPage
      title={t('awards.council.title')}
      action={
        canWrite && (
          <Link className="button primary" to={roundId ? `/awards/council/new?round_id=${roundId}` : '/awards/council/new'}>
            {t('awards.council.create')}
          </Link>
        )
      }
      filters={
        <SelectFilter
          p={p}
          name="round_id"
          label={t('awards.council.round')}
          options={(rounds.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
        />
      }
    >
      <p className="muted">{t('awards.council.hint')}</p>
      <ErrorBanner error={download.error} />
      <PagedTable query={query} columns={columns} rowKey={(m) => m.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

function MeetingForm({
  initial,
  roundId,
  error,
  busy,
  onSubmit,
}: {
  initial?: CouncilMeeting;
  roundId?: number;
  error: unknown;
  busy: boolean;
  onSubmit: (values: CouncilMeetingCreate) => void;
}) {
  const { t } = useTranslation();
  const rounds = useAwardRoundOptions();
  const [round, setRound] = useState(String(initial?.round_id ?? roundId ?? ''));
  const [heldOn, setHeldOn] = useState(initial?.held_on ?? '');
  const [location, setLocation] = useState(initial?.location ?? '');
  const [chair, setChair] = useState(initial?.chair ?? '');
  const [secretary, setSecretary] = useState(initial?.secretary ?? '');
  const [members, setMembers] = useState<string[]>(initial?.members_present.length ? [...initial.members_present] : ['']);
  const [total, setTotal] = useState(initial ? String(initial.members_total) : '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const fromCommittee = useCommitteeForCouncil();
  /** positions of the sent members in the form (blank rows are not sent) */
  const [sent, setSent] = useState<number[]>([]);
  const errors = error instanceof ApiError ? documentErrors(error.problem) : {};
  const memberError = (row: number) => {
    const n = sent.indexOf(row);
    return n < 0 ? undefined : errors[`members_present.${n}`];
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const rows = members.map((m, i) => ({ name: m.trim(), i })).filter((m) => m.name !== '');
    setSent(rows.map((r) => r.i));
    const n = Number(total);
    onSubmit({
      round_id: Number(round),
      held_on: heldOn,
      location: location.trim(),
      chair: chair.trim(),
      secretary: secretary.trim(),
      members_present: rows.map((r) => r.name),
      members_total: total.trim() !== '' && Number.isInteger(n) ? n : (total as unknown as number),
      notes: notes.trim(),
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorBanner error={error ?? rounds.error} fields={MEETING_FIELDS} />
      {!initial && (
        <SelectField
          id="round_id"
          label={t('awards.council.round')}
          value={round}
          onChange={setRound}
          error={errors.round_id}
          empty={t('common.choose')}
          options={(rounds.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          required
        />
      )}
      <div className="from-committee">
        <button
          type="button"
          className="small"
          disabled={fromCommittee.isPending}
          onClick={() =>
            fromCommittee.mutate(undefined, {
              onSuccess: (found) => {
                if (!found) return;
                setChair(found.chair);
                setMembers(found.members.length ? found.members : ['']);
                setTotal(String(found.members.length + 1));
              },
            })
          }
        >
          {t('steering.fromCommittee')}
        </button>
        <p className="field-hint">{t('steering.fromCommitteeHint')}</p>
        {fromCommittee.data === null && <p className="muted">{t('steering.noCommittee')}</p>}
        <ErrorBanner error={fromCommittee.error} />
      </div>
      <div className="grid-2">
        <TextField id="held_on" type="date" label={t('awards.council.heldOn')} value={heldOn} onChange={setHeldOn} error={errors.held_on} required />
        <TextField id="location" label={t('awards.council.location')} value={location} onChange={setLocation} error={errors.location} />
        <TextField id="chair" label={t('awards.council.chair')} value={chair} onChange={setChair} error={errors.chair} required />
        <TextField id="secretary" label={t('awards.council.secretary')} value={secretary} onChange={setSecretary} error={errors.secretary} />
      </div>
      <fieldset className="field">
        <legend>{t('awards.council.membersPresent')}</legend>
        {errors.members_present && <p className="field-error">{errors.members_present}</p>}
        {members.map((m, i) => (
          <div key={i} className="row-edit">
            <TextField
              id={`members_present.${i}`}
              label={t('awards.council.memberN', { n: i + 1 })}
              value={m}
              onChange={(v) => setMembers((ms) => ms.map((x, j) => (j === i ? v : x)))}
              error={memberError(i)}
            />
            <button
              type="button"
              className="danger small"
              aria-label={t('awards.council.removeMember', { n: i + 1 })}
              onClick={() => setMembers((ms) => ms.filter((_, j) => j !== i))}
            >
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="small" onClick={() => setMembers((ms) => [...ms, ''])}>
          {t('awards.council.addMember')}
        </button>
      </fieldset>
      <TextField
        id="members_total"
        type="number"
        min={1}
        max={50}
        step={1}
        inputMode="numeric"
        label={t('awards.council.membersTotal')}
        value={total}
        onChange={setTotal}
        error={errors.members_total}
        required
      />
      <TextAreaField id="notes" label={t('awards.council.notes')} value={notes} onChange={setNotes} error={errors.notes} rows={4} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('awards.save')}
        </button>
      </div>
    </form>
  );
}

export function CouncilMeetingCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateCouncilMeeting();
  const roundId = Number(params.get('round_id')) || undefined;
  return (
    <section>
      <p>
        <Link to="/awards/council">← {t('awards.council.title')}</Link>
      </p>
      <h1>{t('awards.council.create')}</h1>
      <MeetingForm
        roundId={roundId}
        error={create.error}
        busy={create.isPending}
        onSubmit={(values) => create.mutate(values, { onSuccess: (m) => navigate(`/awards/council?round_id=${m.round_id}`) })}
      />
    </section>
  );
}

export function CouncilMeetingEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useCouncilMeeting(id);
  const m = query.data;
  const update = useUpdateCouncilMeeting(m);
  return (
    <section>
      <p>
        <Link to={m ? `/awards/council?round_id=${m.round_id}` : '/awards/council'}>← {t('awards.council.title')}</Link>
      </p>
      <h1>{t('awards.council.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(update.error) && <ErrorBanner error={update.error} />}
      {m && (
        <>
          <p className="muted">{m.round_name}</p>
          <MeetingForm
            key={m.version}
            initial={m}
            error={isConflict(update.error) ? null : update.error}
            busy={update.isPending}
            onSubmit={({ round_id: _round, ...values }) => {
              const body = changed(m, values);
              if (Object.keys(body).length === 0) navigate(`/awards/council?round_id=${m.round_id}`);
              else update.mutate(body, { onSuccess: () => navigate(`/awards/council?round_id=${m.round_id}`) });
            }}
          />
        </>
      )}
    </section>
  );
}

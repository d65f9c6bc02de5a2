import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { downloadFile } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/fields';
import { LookupPicker } from '../../components/LookupPicker';
import { useMe } from '../../lib/auth';
import { useMovements } from '../../lib/queries/frameworks';
import { useSchoolOptions } from '../../lib/queries/units';
import {
  POSITIONS,
  scanUrl,
  useAddAssignment,
  useAddMember,
  useCommittees,
  useCreateCommittee,
  useRemoveAssignment,
  useRemoveMember,
  useUpdateAssignment,
  useUpdateCommittee,
  useUpdateMember,
  useUploadScan,
  type Assignment,
  type Committee,
  type CommitteeMember,
  type CommitteePosition,
} from './api/steering';
import './steering.css';
import { formatDate } from '../../lib/format';
import { changed } from '../../lib/form';

function errorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? fieldErrors(error.problem) : {};
}

/** Ban chỉ đạo (seed IV.1): every signed-in user reads it; the commune officer sets it up. */
export function SteeringPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = me.permissions.includes('steering:write');
  const committees = useCommittees();
  const [chosen, setChosen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const list = committees.data ?? [];
  const committee = list.find((c) => c.id === chosen) ?? list[0];

  return (
    <section className="steering">
      <div className="page-head">
        <h1>{t('steering.title')}</h1>
        {canWrite && committee && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            {t('steering.newCommittee')}
          </button>
        )}
      </div>
      <ErrorBanner error={committees.error} />
      {committees.isPending && <Loading />}
      {committees.isSuccess && !committee && <p className="muted">{t('steering.none')}</p>}
      {canWrite && committees.isSuccess && (creating || !committee) && (
        <CommitteeForm
          onDone={(id) => {
            setCreating(false);
            setChosen(id);
          }}
          onCancel={committee ? () => setCreating(false) : undefined}
        />
      )}
      {list.length > 1 && (
        <SelectField
          id="committee"
          label={t('steering.decisionChoice')}
          value={String(committee?.id ?? '')}
          onChange={(v) => setChosen(Number(v))}
          options={list.map((c) => ({ value: String(c.id), label: `${c.decision_number} (${formatDate(c.decision_date)})` }))}
        />
      )}
      {committee && <CommitteeView committee={committee} canWrite={canWrite} />}
    </section>
  );
}

function CommitteeForm({
  committee,
  onDone,
  onCancel,
}: {
  committee?: Committee;
  onDone: (id: number) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateCommittee();
  const update = useUpdateCommittee();
  const [name, setName] = useState(committee?.name ?? t('steering.defaultName'));
  const [number, setNumber] = useState(committee?.decision_number ?? '');
  const [date, setDate] = useState(committee?.decision_date ?? '');
  const [signer, setSigner] = useState(committee?.signer ?? '');
  const [note, setNote] = useState(committee?.note ?? '');
  const mutation = committee ? update : create;
  const errors = errorsOf(mutation.error);
  const title = committee ? t('actors.steering.editCommittee') : t('steering.establish');

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = { name: name.trim(), decision_number: number.trim(), decision_date: date, signer: signer.trim(), note: note.trim() };
    if (committee) update.mutate({ committee, body: changed(committee, body) }, { onSuccess: (c) => onDone(c.id) });
    else create.mutate(body, { onSuccess: (c) => onDone(c.id) });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <ErrorBanner error={mutation.error} />
      <TextField id="name" label={t('steering.name')} value={name} onChange={setName} error={errors.name} required />
      <TextField
        id="decision_number"
        label={t('steering.decisionNumber')}
        value={number}
        onChange={setNumber}
        error={errors.decision_number}
        hint={t('steering.decisionNumberHint')}
        required
      />
      <TextField
        id="decision_date"
        type="date"
        label={t('steering.decisionDate')}
        value={date}
        onChange={setDate}
        error={errors.decision_date}
        required
      />
      <TextField id="signer" label={t('steering.signer')} value={signer} onChange={setSigner} error={errors.signer} />
      {committee && <TextField id="note" label={t('steering.note')} value={note} onChange={setNote} error={errors.note} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {committee ? t('common.save') : t('steering.establishButton')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

type Editing = { kind: 'committee' } | { kind: 'member'; row: CommitteeMember } | { kind: 'assignment'; row: Assignment } | null;

function CommitteeView({ committee, canWrite }: { committee: Committee; canWrite: boolean }) {
  const { t } = useTranslation();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState('');
  const done = (message: string) => {
    setEditing(null);
    setSaved(message);
  };
  const removeMember = useRemoveMember(committee);
  const removeAssignment = useRemoveAssignment(committee);

  const memberColumns: Column<CommitteeMember>[] = [
    { key: 'name', label: t('steering.memberName'), render: (m) => m.full_name },
    { key: 'position', label: t('steering.position'), render: (m) => t(`steering.positions.${m.position}`) },
    { key: 'duties', label: t('actors.steering.duties'), render: (m) => m.duties },
    { key: 'unit', label: t('steering.unit'), render: (m) => `${m.staff_position ? `${m.staff_position}, ` : ''}${m.unit_name}` },
  ];
  if (canWrite)
    memberColumns.push({
      key: 'actions',
      label: t('steering.actions'),
      render: (m) => (
        <span className="actions">
          <button type="button" onClick={() => { setSaved(''); setEditing({ kind: 'member', row: m }); }} aria-label={t('actors.steering.editMemberNamed', { name: m.full_name })}>
            {t('common.edit')}
          </button>
          <button type="button" className="danger" onClick={() => removeMember.mutate(m)} aria-label={t('steering.removeMember', { name: m.full_name })}>
            {t('common.remove')}
          </button>
        </span>
      ),
    });
  const assignmentColumns: Column<Assignment>[] = [
    { key: 'area', label: t('steering.contentArea'), render: (a) => `${a.content_area_code}. ${a.content_area_name}` },
    { key: 'member', label: t('steering.assignedMember'), render: (a) => a.member_name },
    { key: 'schools', label: t('steering.schools'), render: (a) => a.schools.map((s) => s.name).join(', ') },
    { key: 'note', label: t('steering.note'), render: (a) => a.note },
  ];
  if (canWrite)
    assignmentColumns.push({
      key: 'actions',
      label: t('steering.actions'),
      render: (a) => (
        <span className="actions">
          <button
            type="button"
            onClick={() => { setSaved(''); setEditing({ kind: 'assignment', row: a }); }}
            aria-label={t('actors.steering.editAssignmentNamed', { name: a.member_name, area: a.content_area_code })}
          >
            {t('common.edit')}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => removeAssignment.mutate(a)}
            aria-label={t('steering.removeAssignment', { name: a.member_name })}
          >
            {t('common.remove')}
          </button>
        </span>
      ),
    });

  return (
    <>
      {saved && (
        <p className="alert alert-ok" role="status">
          {saved}
        </p>
      )}
      <h2>{committee.name}</h2>
      <dl className="details">
        <dt>{t('steering.decisionNumber')}</dt>
        <dd>{committee.decision_number}</dd>
        <dt>{t('steering.decisionDate')}</dt>
        <dd>{formatDate(committee.decision_date)}</dd>
        {committee.signer && (
          <>
            <dt>{t('steering.signer')}</dt>
            <dd>{committee.signer}</dd>
          </>
        )}
        <dt>{t('steering.scan')}</dt>
        <dd>
          {committee.scan ? (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setDownloadError(null);
                downloadFile(scanUrl(committee), committee.scan?.filename ?? 'quyet-dinh.pdf').catch(setDownloadError);
              }}
            >
              {committee.scan.filename}
            </button>
          ) : (
            <span className="muted">{t('steering.noScan')}</span>
          )}
        </dd>
      </dl>
      <ErrorBanner error={downloadError} />
      {canWrite && editing?.kind !== 'committee' && (
        <button type="button" onClick={() => { setSaved(''); setEditing({ kind: 'committee' }); }}>
          {t('actors.steering.editCommittee')}
        </button>
      )}
      {canWrite && editing?.kind === 'committee' && (
        <CommitteeForm
          key={`c-${committee.id}-${committee.version}`}
          committee={committee}
          onDone={() => done(t('actors.saved'))}
          onCancel={() => setEditing(null)}
        />
      )}
      {canWrite && editing === null && <ScanForm committee={committee} />}

      <h2>{t('steering.members')}</h2>
      <ErrorBanner error={removeMember.error} />
      <DataTable columns={memberColumns} rows={committee.members} rowKey={(m) => m.id} caption={t('steering.members')} />
      {canWrite && editing?.kind === 'member' && (
        <MemberEditForm key={editing.row.id} committee={committee} member={editing.row} onDone={() => done(t('actors.saved'))} onCancel={() => setEditing(null)} />
      )}
      {canWrite && editing === null && <MemberForm committee={committee} />}

      <h2>{t('steering.assignments')}</h2>
      <ErrorBanner error={removeAssignment.error} />
      <DataTable columns={assignmentColumns} rows={committee.assignments} rowKey={(a) => a.id} caption={t('steering.assignments')} />
      {canWrite && committee.members.length > 0 && editing?.kind === 'assignment' && (
        <AssignmentForm key={editing.row.id} committee={committee} assignment={editing.row} onDone={() => done(t('actors.saved'))} onCancel={() => setEditing(null)} />
      )}
      {canWrite && committee.members.length > 0 && editing === null && <AssignmentForm committee={committee} />}
    </>
  );
}

function ScanForm({ committee }: { committee: Committee }) {
  const { t } = useTranslation();
  const upload = useUploadScan(committee);
  const [file, setFile] = useState<File | null>(null);
  const errors = errorsOf(upload.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (file) upload.mutate(file, { onSuccess: () => setFile(null) });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('steering.uploadScan')}>
      <ErrorBanner error={upload.error} />
      <div className="field">
        <label htmlFor="file">{t('steering.scanFile')}</label>
        <input id="file" name="file" type="file" accept="application/pdf,image/png,image/jpeg" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <p className="field-hint">{t('steering.scanHint')}</p>
        {errors.file && <p className="field-error">{errors.file}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={!file || upload.isPending}>
          {t('steering.uploadScan')}
        </button>
      </div>
    </form>
  );
}

function MemberForm({ committee }: { committee: Committee }) {
  const { t } = useTranslation();
  const add = useAddMember(committee);
  const [staff, setStaff] = useState<number[]>([]);
  const [position, setPosition] = useState<CommitteePosition>('member');
  const errors = errorsOf(add.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      { staff_id: staff[0] ?? 0, position, duties: '' },
      {
        onSuccess: () => {
          setStaff([]);
          setPosition('member');
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('steering.addMember')}>
      <h3>{t('steering.addMember')}</h3>
      <ErrorBanner error={add.error} />
      <LookupPicker id="staff_id" label={t('steering.staff')} list="staff" single selected={staff} onChange={setStaff} error={errors.staff_id} />
      <SelectField
        id="position"
        label={t('steering.position')}
        value={position}
        onChange={(v) => setPosition(v as CommitteePosition)}
        error={errors.position}
        options={POSITIONS.map((p) => ({ value: p, label: t(`steering.positions.${p}`) }))}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('steering.addMemberButton')}
        </button>
      </div>
    </form>
  );
}

function MemberEditForm({
  committee,
  member,
  onDone,
  onCancel,
}: {
  committee: Committee;
  member: CommitteeMember;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateMember(committee);
  const [position, setPosition] = useState<CommitteePosition>(member.position);
  const [duties, setDuties] = useState(member.duties);
  const errors = errorsOf(update.error);
  const title = t('actors.steering.editMemberNamed', { name: member.full_name });

  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ member, body: changed(member, { position, duties: duties.trim() }) }, { onSuccess: onDone });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ErrorBanner error={update.error} />
      <SelectField
        id="position"
        label={t('steering.position')}
        value={position}
        onChange={(v) => setPosition(v as CommitteePosition)}
        error={errors.position}
        options={POSITIONS.map((p) => ({ value: p, label: t(`steering.positions.${p}`) }))}
      />
      <TextField id="duties" label={t('actors.steering.duties')} value={duties} onChange={setDuties} error={errors.duties} hint={t('actors.steering.dutiesHint')} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function AssignmentForm({
  committee,
  assignment,
  onDone,
  onCancel,
}: {
  committee: Committee;
  assignment?: Assignment;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddAssignment(committee);
  const update = useUpdateAssignment(committee);
  const mutation = assignment ? update : add;
  const movements = useMovements();
  const schools = useSchoolOptions();
  const areas = movements.data?.[0]?.content_areas ?? [];
  const [member, setMember] = useState(assignment ? String(assignment.member_id) : '');
  const [area, setArea] = useState(assignment ? String(assignment.content_area_id) : '');
  const [units, setUnits] = useState<number[]>(assignment ? assignment.schools.map((s) => s.unit_id) : []);
  const [note, setNote] = useState(assignment?.note ?? '');
  const errors = errorsOf(mutation.error);
  const title = assignment
    ? t('actors.steering.editAssignmentNamed', { name: assignment.member_name, area: assignment.content_area_code })
    : t('steering.addAssignment');

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = { member_id: Number(member) || 0, content_area_id: Number(area) || 0, unit_ids: units, note: note.trim() };
    if (assignment) {
      const before = { ...assignment, unit_ids: assignment.schools.map((s) => s.unit_id) };
      update.mutate({ row: assignment, body: changed(before, body) }, { onSuccess: () => onDone?.() });
      return;
    }
    add.mutate(body, {
      onSuccess: () => {
        setUnits([]);
        setNote('');
      },
    });
  }

  return (
    <form className="form form-wide" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ErrorBanner error={mutation.error} />
      <SelectField
        id="member_id"
        label={t('steering.assignedMember')}
        value={member}
        onChange={setMember}
        error={errors.member_id}
        empty={t('common.choose')}
        options={committee.members.map((m) => ({ value: String(m.id), label: `${m.full_name} (${t(`steering.positions.${m.position}`)})` }))}
      />
      <SelectField
        id="content_area_id"
        label={t('steering.contentArea')}
        value={area}
        onChange={setArea}
        error={errors.content_area_id}
        empty={t('common.choose')}
        options={areas.map((a) => ({ value: String(a.id), label: `${a.code}. ${a.name}` }))}
      />
      <fieldset className="field" id="unit_ids">
        <legend>{t('steering.schools')}</legend>
        <ErrorBanner error={schools.error} />
        <div className="checks">
          {(schools.data ?? []).map((u) => (
            <label key={u.id} className="check">
              <input
                type="checkbox"
                checked={units.includes(u.id)}
                onChange={(e) => setUnits((l) => (e.target.checked ? [...l, u.id] : l.filter((x) => x !== u.id)))}
              />{' '}
              {u.name}
            </label>
          ))}
        </div>
        {errors.unit_ids && <p className="field-error">{errors.unit_ids}</p>}
      </fieldset>
      <TextField id="note" label={t('steering.note')} value={note} onChange={setNote} error={errors.note} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {assignment ? t('common.save') : t('steering.addAssignmentButton')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

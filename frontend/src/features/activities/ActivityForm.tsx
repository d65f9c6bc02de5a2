import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { ACTIVITY_KINDS, type Activity, type ActivityCreate, type ActivityKind } from '../../api/types';
import { useMe } from '../../lib/auth';
import { documentErrors } from '../../lib/indicators';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useUnitOptions } from '../../lib/queries/units';
import { useAttendeeCandidates } from '../../lib/queries/staff';
import { linksPayload } from '../../lib/links';
import { isUnitBound } from '../../lib/units';
import { schoolYearOf } from '../../lib/schoolYear';
import { attendeesPayload, fromAttendees, setCompleted, toggleAttendee, type Attendance } from './attendance';

export const ACTIVITY_FIELDS = [
  'unit_id',
  'kind',
  'title',
  'activity_date',
  'description',
  'learner_count',
  'attendees',
  'evidence_links',
  'partner_unit_id',
] as const;

export function ActivityForm({
  initial,
  error,
  busy,
  submitLabel,
  onSubmit,
}: {
  initial?: Activity;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: ActivityCreate) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const unitBound = isUnitBound(me.roles);
  const units = useUnitOptions();
  const [unitId, setUnitId] = useState(String(initial?.unit_id ?? me.unit_id ?? ''));
  const [kind, setKind] = useState<ActivityKind>(initial?.kind ?? 'training');
  const [partner, setPartner] = useState(String(initial?.partner_unit_id ?? ''));
  const [title, setTitle] = useState(initial?.title ?? '');
  const [date, setDate] = useState(initial?.activity_date ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [learners, setLearners] = useState(String(initial?.learner_count ?? 0));
  const [attendance, setAttendance] = useState<Attendance>(() => fromAttendees(initial?.attendees ?? []));
  const [links, setLinks] = useState(() =>
    (initial?.evidence_links ?? []).map((l) => ({ url: l.url, title: l.title })),
  );
  const [sent, setSent] = useState<number[]>([]);
  const isTraining = kind === 'training';
  // the unit of an existing activity never changes; school users record for their own school
  const candidateUnit = initial ? initial.unit_id : unitBound ? null : Number(unitId) || null;
  const candidates = useAttendeeCandidates(candidateUnit);

  const errors = error instanceof ApiError ? documentErrors(error.problem) : {};
  const top = (field: string) =>
    Object.entries(errors)
      .filter(([k]) => k === field || k.startsWith(`${field}.`))
      .filter(([k]) => !(field === 'attendees' && /^attendees\.\d+/.test(k)))
      .map(([, v]) => v)
      .join(' ') || undefined;
  const attendeeError = (staffId: number) => {
    const n = sent.indexOf(staffId);
    if (n < 0) return undefined;
    return Object.entries(errors)
      .filter(([k]) => k.startsWith(`attendees.${n}.`) || k === `attendees.${n}`)
      .map(([, v]) => v)
      .join(' ') || undefined;
  };
  const year = schoolYearOf(date);
  // people already on the list but no longer offered (e.g. inactive) stay visible and can be removed
  const people = [
    ...candidates.staff.map((s) => ({ id: s.id, name: s.full_name, detail: `${s.code} · ${s.position}` })),
    ...(initial?.attendees ?? [])
      .filter((a) => !candidates.staff.some((s) => s.id === a.staff_id))
      .map((a) => ({ id: a.staff_id, name: a.full_name, detail: a.staff_code })),
  ];

  const unitOptions = (units.data ?? [])
    .filter((u) => u.kind === 'school' || u.id === me.unit_id)
    .map((u) => ({ value: String(u.id), label: u.name }));

  const hostId = initial ? initial.unit_id : Number(unitId) || me.unit_id;
  const partnerOptions = (units.data ?? [])
    .filter((u) => u.kind === 'school' && u.id !== hostId)
    .map((u) => ({ value: String(u.id), label: u.name }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const attendees = attendeesPayload(attendance, isTraining);
    setSent(attendees.map((a) => a.staff_id));
    const n = Number(learners);
    onSubmit({
      ...(initial || unitBound ? {} : { unit_id: Number(unitId) || null }),
      kind,
      title: title.trim(),
      activity_date: date,
      description: description.trim(),
      learner_count: learners.trim() === '' || !Number.isFinite(n) ? 0 : n,
      attendees,
      evidence_links: linksPayload(links),
      partner_unit_id: kind === 'study_visit' ? Number(partner) || null : null,
    });
  }

  return (
    <form className="form form-wide" onSubmit={submit} noValidate>
      <ErrorBanner error={error} fields={ACTIVITY_FIELDS} />
      <p className="alert alert-info">{t('activities.feedsHint')}</p>
      {!initial && !unitBound && (
        <SelectField
          id="unit_id"
          label={t('activities.school')}
          value={unitId}
          onChange={setUnitId}
          error={top('unit_id')}
          empty={t('common.choose')}
          options={unitOptions}
          required
        />
      )}
      <SelectField
        id="kind"
        label={t('activities.kind')}
        value={kind}
        onChange={(v) => setKind(v as ActivityKind)}
        error={top('kind')}
        options={ACTIVITY_KINDS.map((k) => ({
          value: k,
          label: t(`activities.kinds.${k}`, { defaultValue: t(`communications.activityKinds.${k}`) }),
        }))}
      />
      {kind === 'study_visit' && (
        <SelectField
          id="partner_unit_id"
          label={t('communications.studyVisit.partner')}
          hint={t('communications.studyVisit.partnerHint')}
          value={partner}
          onChange={setPartner}
          error={top('partner_unit_id')}
          empty={t('common.choose')}
          options={partnerOptions}
          required
        />
      )}
      <TextField id="title" label={t('activities.titleField')} value={title} onChange={setTitle} error={top('title')} required />
      <TextField
        id="activity_date"
        type="date"
        label={t('activities.date')}
        value={date}
        onChange={setDate}
        error={top('activity_date')}
        hint={year ? t('activities.schoolYearHint', { year }) : undefined}
        required
      />
      <div className="field">
        <label htmlFor="description">{t('activities.description')}</label>
        <textarea
          id="description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={top('description') ? true : undefined}
        />
        {top('description') && <p className="field-error">{top('description')}</p>}
      </div>
      <TextField
        id="learner_count"
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        label={t('activities.learnerCount')}
        hint={t('activities.learnerCountHint')}
        value={learners}
        onChange={setLearners}
        error={top('learner_count')}
      />

      <fieldset className="field attendance" aria-describedby="attendance-hint">
        <legend>{t('activities.attendees')}</legend>
        <p className="field-hint" id="attendance-hint">
          {isTraining ? t('activities.attendeesHintTraining') : t('activities.attendeesHint')}
        </p>
        {top('attendees') && <p className="field-error">{top('attendees')}</p>}
        <ErrorBanner error={candidates.error} />
        {candidateUnit === null && !unitBound && !initial ? (
          <p className="muted">{t('activities.chooseSchoolFirst')}</p>
        ) : candidates.isPending ? (
          <Loading />
        ) : people.length === 0 ? (
          <p className="muted">{t('common.empty')}</p>
        ) : (
          <ul className="attendee-list">
            {people.map((s) => {
              const present = attendance.has(s.id);
              const err = attendeeError(s.id);
              return (
                <li key={s.id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={present}
                      onChange={(e) => setAttendance((a) => toggleAttendee(a, s.id, e.target.checked))}
                    />{' '}
                    {s.name} <span className="muted">({s.detail})</span>
                  </label>
                  {isTraining && (
                    <label className="check">
                      <input
                        type="checkbox"
                        aria-label={t('activities.completedFor', { name: s.name })}
                        checked={attendance.get(s.id) === true}
                        onChange={(e) => setAttendance((a) => setCompleted(a, s.id, e.target.checked))}
                      />{' '}
                      {t('activities.completed')}
                    </label>
                  )}
                  {err && <p className="field-error">{err}</p>}
                </li>
              );
            })}
          </ul>
        )}
        <p className="muted">{t('activities.selectedN', { n: attendance.size })}</p>
      </fieldset>

      <fieldset className="field">
        <legend>{t('activities.evidenceLinks')}</legend>
        {top('evidence_links') && <p className="field-error">{top('evidence_links')}</p>}
        {links.map((l, i) => (
          <div key={i} className="link-row">
            <TextField
              id={`link-${i}-url`}
              type="url"
              label={t('activities.linkUrl')}
              value={l.url}
              onChange={(v) => setLinks((ls) => ls.map((x, j) => (j === i ? { ...x, url: v } : x)))}
            />
            <TextField
              id={`link-${i}-title`}
              label={t('activities.linkTitle')}
              value={l.title}
              onChange={(v) => setLinks((ls) => ls.map((x, j) => (j === i ? { ...x, title: v } : x)))}
            />
            <button type="button" onClick={() => setLinks((ls) => ls.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setLinks((ls) => [...ls, { url: '', title: '' }])}>
          {t('activities.addLink')}
        </button>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { documentErrors } from '../../lib/indicators';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useMovements } from '../../lib/queries/frameworks';
import { useUnitOptions } from '../../lib/queries/units';
import { useAttendeeCandidates } from '../../lib/queries/staff';
import { isUnitBound } from '../../lib/units';
import { linksPayload } from '../../lib/links';
import { schoolYearOf } from '../../lib/schoolYear';
import {
  FULL_SHARE,
  authorErrors,
  authorsPayload,
  evenShares,
  formatHundredths,
  fromAuthors,
  rowProblems,
  shareTotal,
  type AuthorRow,
} from './authors';
import { INITIATIVE_KINDS, type Initiative, type InitiativeCreate, type InitiativeKind } from './types';
import './initiatives.css';

export const INITIATIVE_FIELDS = ['unit_id', 'kind', 'title', 'summary', 'school_year', 'authors', 'evidence_links'] as const;

export function InitiativeForm({
  initial,
  error,
  busy,
  submitLabel,
  onSubmit,
}: {
  initial?: Initiative;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: InitiativeCreate) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const unitBound = isUnitBound(me.roles);
  const units = useUnitOptions();
  const movements = useMovements();
  const [unitId, setUnitId] = useState(String(initial?.unit_id ?? (unitBound ? (me.unit_id ?? '') : '')));
  const [kind, setKind] = useState<InitiativeKind>(initial?.kind ?? 'initiative');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [year, setYear] = useState(initial?.school_year ?? schoolYearOf(new Date().toISOString().slice(0, 10)) ?? '');
  const [rows, setRows] = useState<AuthorRow[]>(() => (initial ? fromAuthors(initial.authors) : [{ staff: '', share: '100' }]));
  const [touched, setTouched] = useState(!!initial);
  const [links, setLinks] = useState(() => (initial?.evidence_links ?? []).map((l) => ({ url: l.url, title: l.title ?? '' })));
  const [checked, setChecked] = useState(false);

  // the unit of an existing initiative never changes; school users register for their own school
  const candidateUnit = initial ? initial.unit_id : unitBound ? null : Number(unitId) || null;
  const candidates = useAttendeeCandidates(candidateUnit);

  // A teacher registering a new initiative is its first author: pre-select their staff record.
  const own = candidates.staff.find((s) => s.user_id === me.id);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a one-time default once the staff list has loaded
    if (!touched && own) setRows((rs) => (rs.length === 1 && rs[0]!.staff === '' ? [{ ...rs[0]!, staff: String(own.id) }] : rs));
  }, [own, touched]);

  const years = movements.data?.[0]?.school_years ?? [];
  const yearOptions = (years.includes(year) || !year ? years : [year, ...years]).map((y) => ({ value: y, label: y }));

  const errors = error instanceof ApiError ? documentErrors(error.problem) : {};
  const top = (field: string) =>
    Object.entries(errors)
      .filter(([k]) => k === field || (field !== 'authors' && k.startsWith(`${field}.`)))
      .map(([, v]) => v)
      .join(' ') || undefined;
  const serverAuthors = authorErrors(error instanceof ApiError ? error.problem : null);
  const local = checked ? rowProblems(rows) : new Map<number, string[]>();
  const total = shareTotal(rows);

  const people = [
    ...candidates.staff.map((s) => ({ id: s.id, label: `${s.full_name} (${s.code})` })),
    ...(initial?.authors ?? [])
      .filter((a) => !candidates.staff.some((s) => s.id === a.staff_id))
      .map((a) => ({ id: a.staff_id, label: `${a.full_name} (${a.staff_code})` })),
  ];
  const staffOptions = people.map((s) => ({ value: String(s.id), label: s.label }));
  const unitOptions = (units.data ?? [])
    .filter((u) => u.kind === 'school' || u.id === me.unit_id)
    .map((u) => ({ value: String(u.id), label: u.name }));

  function edit(fn: (rs: AuthorRow[]) => AuthorRow[]) {
    setTouched(true);
    setRows(fn);
  }

  function rowMessage(i: number): string | undefined {
    const mine = (local.get(i) ?? []).map((p) => t(`initiatives.authorProblems.${p}`));
    const server = serverAuthors.rows[i];
    return [...mine, ...(server ? [server] : [])].join(' ') || undefined;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    if (rowProblems(rows).size > 0) return;
    onSubmit({
      ...(initial || unitBound ? {} : { unit_id: Number(unitId) || null }),
      kind,
      title: title.trim(),
      summary: summary.trim(),
      school_year: year,
      authors: authorsPayload(rows),
      evidence_links: linksPayload(links),
    });
  }

  return (
    <form className="form form-wide" onSubmit={submit} noValidate>
      <ErrorBanner error={error} fields={INITIATIVE_FIELDS} />
      {!initial && !unitBound && (
        <SelectField
          id="unit_id"
          label={t('fields.unit')}
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
        label={t('initiatives.kind')}
        value={kind}
        onChange={(v) => setKind(v as InitiativeKind)}
        error={top('kind')}
        options={INITIATIVE_KINDS.map((k) => ({ value: k, label: t(`initiatives.kinds.${k}`) }))}
      />
      <TextField id="title" label={t('initiatives.titleField')} value={title} onChange={setTitle} error={top('title')} required />
      <TextAreaField id="summary" label={t('initiatives.summary')} value={summary} onChange={setSummary} error={top('summary')} rows={4} />
      <SelectField
        id="school_year"
        label={t('fields.schoolYear')}
        value={year}
        onChange={setYear}
        error={top('school_year')}
        empty={t('common.choose')}
        options={yearOptions}
        required
      />

      <fieldset className="field authors" aria-describedby="authors-hint">
        <legend>{t('initiatives.authors')}</legend>
        <p className="field-hint" id="authors-hint">
          {t('initiatives.authorsHint')}
        </p>
        {serverAuthors.list && (
          <p className="field-error" id="authors-error">
            {serverAuthors.list}
          </p>
        )}
        <ErrorBanner error={candidates.error} />
        {candidateUnit === null && !unitBound && !initial ? (
          <p className="muted">{t('initiatives.chooseUnitFirst')}</p>
        ) : candidates.isPending ? (
          <Loading />
        ) : (
          <ol className="author-rows">
            {rows.map((r, i) => {
              const message = rowMessage(i);
              return (
                <li key={i} className="author-row">
                  <SelectField
                    id={`author-${i}-staff`}
                    label={t('initiatives.authorN', { n: i + 1 })}
                    value={r.staff}
                    onChange={(v) => edit((rs) => rs.map((x, j) => (j === i ? { ...x, staff: v } : x)))}
                    empty={t('common.choose')}
                    options={staffOptions}
                    error={message}
                  />
                  <TextField
                    id={`author-${i}-share`}
                    label={t('initiatives.shareN', { n: i + 1 })}
                    inputMode="decimal"
                    value={r.share}
                    onChange={(v) => edit((rs) => rs.map((x, j) => (j === i ? { ...x, share: v } : x)))}
                    aria-invalid={message ? true : undefined}
                  />
                  <button
                    type="button"
                    disabled={rows.length <= 1}
                    aria-label={t('initiatives.removeAuthorN', { n: i + 1 })}
                    onClick={() => edit((rs) => rs.filter((_, j) => j !== i))}
                  >
                    {t('common.remove')}
                  </button>
                </li>
              );
            })}
          </ol>
        )}
        <div className="actions">
          <button type="button" onClick={() => edit((rs) => [...rs, { staff: '', share: '' }])}>
            {t('initiatives.addAuthor')}
          </button>
          <button
            type="button"
            onClick={() => edit((rs) => evenShares(rs.length).map((share, j) => ({ ...rs[j]!, share })))}
          >
            {t('initiatives.splitEvenly')}
          </button>
        </div>
        <p className={total === FULL_SHARE ? 'share-total share-ok' : 'share-total share-off'} role="status" aria-live="polite">
          {t('initiatives.shareTotal', { total: formatHundredths(total) })}
          {total !== FULL_SHARE && ` — ${t('initiatives.shareMustBe100')}`}
        </p>
      </fieldset>

      <fieldset className="field">
        <legend>{t('initiatives.evidenceLinks')}</legend>
        {top('evidence_links') && <p className="field-error">{top('evidence_links')}</p>}
        {links.map((l, i) => (
          <div key={i} className="link-row">
            <TextField
              id={`link-${i}-url`}
              type="url"
              label={t('initiatives.linkUrl')}
              value={l.url}
              onChange={(v) => setLinks((ls) => ls.map((x, j) => (j === i ? { ...x, url: v } : x)))}
            />
            <TextField
              id={`link-${i}-title`}
              label={t('initiatives.linkTitle')}
              value={l.title}
              onChange={(v) => setLinks((ls) => ls.map((x, j) => (j === i ? { ...x, title: v } : x)))}
            />
            <button type="button" onClick={() => setLinks((ls) => ls.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setLinks((ls) => [...ls, { url: '', title: '' }])}>
          {t('initiatives.addLink')}
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

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useUnitOptions } from '../../lib/queries/units';
import { useAttendeeCandidates } from '../../lib/queries/staff';
import { isUnitBound } from '../../lib/units';
import { useCreateFlag, useDeleteFlag, useFlags, useUpdateFlag } from './api/conduct';
import { flagPayload, localToday } from './flags';
import { Panel } from './Panel';
import { FLAG_KINDS, SEVERITIES, type Flag, type FlagKind } from './types';
import './conduct.css';
import { formatDate } from '../../lib/format';

type Mode = null | { kind: 'create' } | { kind: 'close'; flag: Flag } | { kind: 'delete'; flag: Flag };

export function FlagsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const units = useUnitOptions();
  const canWrite = me.permissions.includes('flags:write');
  const [mode, setMode] = useState<Mode>(null);
  const remove = useDeleteFlag();
  const reopen = useUpdateFlag();
  const open = p.get('open');
  const query = useFlags({
    unit_id: Number(p.get('unit_id')) || undefined,
    kind: FLAG_KINDS.find((k): k is FlagKind => k === p.get('kind')),
    open: open === 'true' ? true : open === 'false' ? false : undefined,
    limit: p.limit,
    offset: p.offset,
  });
  const unitOptions = (units.data ?? [])
    .filter((u) => u.kind === 'school' || u.kind === 'office')
    .map((u) => ({ value: String(u.id), label: u.name }));

  const columns: Column<Flag>[] = [
    { key: 'subject', label: t('conduct.subject'), render: (f) => (f.staff_code ? `${f.subject_name} (${f.staff_code})` : f.subject_name) },
    { key: 'unit', label: t('fields.unit'), render: (f) => f.unit_name },
    { key: 'kind', label: t('conduct.flagKind'), render: (f) => t(`conduct.flagKinds.${f.kind}`, { defaultValue: f.kind_label }) },
    {
      key: 'severity',
      label: t('conduct.severity'),
      render: (f) => (f.severity ? t(`conduct.severities.${f.severity}`, { defaultValue: f.severity_label ?? f.severity }) : t('common.none')),
    },
    { key: 'opened', label: t('conduct.openedOn'), render: (f) => formatDate(f.opened_on) },
    {
      key: 'state',
      label: t('conduct.state'),
      render: (f) =>
        f.is_open ? (
          <span className="badge badge-danger">{t('conduct.open')}</span>
        ) : (
          <span className="badge badge-off">{t('conduct.closedOn', { date: formatDate(f.closed_on) })}</span>
        ),
    },
    { key: 'note', label: t('conduct.note'), render: (f) => <span className="pre-line">{f.note || t('common.none')}</span> },
  ];
  if (canWrite)
    columns.push({
      key: 'actions',
      label: t('conduct.actions'),
      render: (f) => (
        <div className="row-actions">
          {f.allowed_actions.includes('update') && f.is_open && (
            <button
              type="button"
              className="small"
              aria-label={t('conduct.closeFlagOf', { name: f.subject_name, date: formatDate(f.opened_on) })}
              onClick={() => setMode({ kind: 'close', flag: f })}
            >
              {t('conduct.close')}
            </button>
          )}
          {f.allowed_actions.includes('update') && !f.is_open && (
            <button
              type="button"
              className="small"
              disabled={reopen.isPending}
              aria-label={t('conduct.reopenFlagOf', { name: f.subject_name, date: formatDate(f.opened_on) })}
              onClick={() => reopen.mutate({ flag: f, body: { closed_on: null } })}
            >
              {t('conduct.reopen')}
            </button>
          )}
          {f.allowed_actions.includes('delete') && (
            <button
              type="button"
              className="danger small"
              aria-label={t('conduct.deleteFlagOf', { name: f.subject_name, date: formatDate(f.opened_on) })}
              onClick={() => {
                remove.reset();
                setMode({ kind: 'delete', flag: f });
              }}
            >
              {t('common.delete')}
            </button>
          )}
        </div>
      ),
    });

  return (
    <ListPage
      title={t('conduct.flagsTitle')}
      action={
        canWrite && (
          <button type="button" className="primary" onClick={() => setMode({ kind: 'create' })}>
            {t('conduct.addFlag')}
          </button>
        )
      }
      filters={
        <>
          <SelectFilter
            p={p}
            name="kind"
            label={t('conduct.flagKind')}
            options={FLAG_KINDS.map((k) => ({ value: k, label: t(`conduct.flagKinds.${k}`) }))}
          />
          <SelectFilter
            p={p}
            name="open"
            label={t('conduct.state')}
            options={[
              { value: 'true', label: t('conduct.open') },
              { value: 'false', label: t('conduct.closed') },
            ]}
          />
          {!isUnitBound(me.roles) && <SelectFilter p={p} name="unit_id" label={t('fields.unit')} options={unitOptions} />}
        </>
      }
    >
      <p className="muted">{t('conduct.privacyHint')}</p>
      <ErrorBanner error={reopen.error} />
      {mode?.kind === 'create' && <FlagForm units={unitOptions} onDone={() => setMode(null)} />}
      {mode?.kind === 'close' && <CloseForm key={mode.flag.id} flag={mode.flag} onDone={() => setMode(null)} />}
      {mode?.kind === 'delete' && (
        <Panel id={`delete-${mode.flag.id}`} title={t('conduct.deleteFlagTitle')} tone="danger">
          <p>
            {t('conduct.deleteFlagConfirm', {
              kind: t(`conduct.flagKinds.${mode.flag.kind}`, { defaultValue: mode.flag.kind_label }),
              name: mode.flag.subject_name,
              date: formatDate(mode.flag.opened_on),
            })}
          </p>
          <ErrorBanner error={remove.error} />
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(mode.flag, { onSuccess: () => setMode(null) })}
            >
              {t('conduct.deleteYes')}
            </button>
            <button type="button" onClick={() => setMode(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Panel>
      )}
      <PagedTable query={query} columns={columns} rowKey={(f) => f.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

const FLAG_FIELDS = ['unit_id', 'staff_id', 'kind', 'severity', 'opened_on', 'note'] as const;

function FlagForm({ units, onDone }: { units: { value: string; label: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateFlag();
  const [unit, setUnit] = useState('');
  const [staff, setStaff] = useState('');
  const [kind, setKind] = useState<FlagKind>('disciplinary');
  const [severity, setSeverity] = useState('');
  const [openedOn, setOpenedOn] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const candidates = useAttendeeCandidates(Number(unit) || null);
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};
  const required = (v: string) => (missing && !v ? t('conduct.required') : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!unit || !openedOn) return setMissing(true);
    create.mutate(flagPayload({ unit, staff, kind, severity, openedOn, note }), { onSuccess: onDone });
  }

  return (
    <Panel id="create" title={t('conduct.addFlag')}>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={create.error} fields={FLAG_FIELDS} />
        <SelectField
          id="flag-unit"
          label={t('fields.unit')}
          value={unit}
          onChange={(v) => {
            setUnit(v);
            setStaff('');
          }}
          empty={t('common.choose')}
          options={units}
          error={errors.unit_id ?? required(unit)}
          required
        />
        <SelectField
          id="flag-staff"
          label={t('conduct.staffOptional')}
          value={staff}
          onChange={setStaff}
          empty={t('conduct.wholeUnit')}
          options={(unit ? candidates.staff : []).map((s) => ({ value: String(s.id), label: `${s.full_name} (${s.code})` }))}
          hint={t('conduct.staffOptionalHint')}
          error={errors.staff_id}
        />
        <SelectField
          id="flag-kind"
          label={t('conduct.flagKind')}
          value={kind}
          onChange={(v) => setKind(v as FlagKind)}
          options={FLAG_KINDS.map((k) => ({ value: k, label: t(`conduct.flagKinds.${k}`) }))}
          error={errors.kind}
        />
        {kind === 'disciplinary' && (
          <SelectField
            id="flag-severity"
            label={t('conduct.severity')}
            value={severity}
            onChange={setSeverity}
            empty={t('common.choose')}
            options={SEVERITIES.map((s) => ({ value: s, label: t(`conduct.severities.${s}`) }))}
            error={errors.severity}
          />
        )}
        <TextField
          id="flag-opened"
          type="date"
          label={t('conduct.openedOn')}
          hint={t('conduct.openedOnHint')}
          value={openedOn}
          max={localToday()}
          onChange={setOpenedOn}
          error={errors.opened_on ?? required(openedOn)}
          required
        />
        <TextAreaField id="flag-note" label={t('conduct.note')} value={note} onChange={setNote} error={errors.note} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('common.create')}
          </button>
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Panel>
  );
}

function CloseForm({ flag, onDone }: { flag: Flag; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateFlag();
  const [closedOn, setClosedOn] = useState(localToday());
  const errors = update.error instanceof ApiError ? fieldErrors(update.error.problem) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ flag, body: { closed_on: closedOn } }, { onSuccess: onDone });
  }

  return (
    <Panel id={`close-${flag.id}`} title={t('conduct.closeTitle')}>
      <form onSubmit={submit} noValidate>
        <p>
          {t(`conduct.flagKinds.${flag.kind}`, { defaultValue: flag.kind_label })} · <strong>{flag.subject_name}</strong> ·{' '}
          {t('conduct.since', { date: formatDate(flag.opened_on) })}
        </p>
        <ErrorBanner error={update.error} fields={['closed_on']} />
        <TextField
          id="flag-closed"
          type="date"
          label={t('conduct.closedOnLabel')}
          hint={t('conduct.closedOnHint')}
          value={closedOn}
          min={flag.opened_on}
          max={localToday()}
          onChange={setClosedOn}
          error={errors.closed_on}
          required
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={update.isPending || !closedOn}>
            {t('conduct.close')}
          </button>
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Panel>
  );
}

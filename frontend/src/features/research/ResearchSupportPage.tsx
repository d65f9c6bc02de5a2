import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { DataTable, ListPage, PagedTable, type Column } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { SelectFilter } from '../../components/ListFilters';
import { useMe } from '../../lib/auth';
import { useMovements } from '../../lib/queries/frameworks';
import { useListParams } from '../../lib/useListParams';
import {
  useCreateSupport,
  useDeleteSupport,
  useSupportableInitiatives,
  useSupports,
  useTotals,
  useUpdateSupport,
  type Support,
  type SupportTotals,
} from './api/research';
import { hoursInput, parseMoney, vnHours, vnMoney } from './money';
import { formatDate } from '../../lib/format';

/** Hỗ trợ nghiên cứu (seed V.4.2): what each school gives its teachers' research, and the totals. */
export function ResearchSupportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const movements = useMovements();
  const years = movements.data?.[0]?.school_years ?? [];
  const schoolYear = p.get('school_year') || undefined;
  const canWrite = me.permissions.includes('research_support:write');
  const totals = useTotals({ school_year: schoolYear });
  const supports = useSupports({ school_year: schoolYear, limit: p.limit, offset: p.offset });
  const remove = useDeleteSupport();
  const [editing, setEditing] = useState<Support | null>(null);
  const [saved, setSaved] = useState(false);

  const totalColumns: Column<SupportTotals>[] = [
    { key: 'unit', label: t('steering.research.school'), render: (r) => r.unit_name },
    { key: 'supports', label: t('steering.research.supports'), render: (r) => r.supports },
    { key: 'initiatives', label: t('steering.research.initiatives'), render: (r) => r.initiatives },
    { key: 'hours', label: t('steering.research.hours'), render: (r) => vnHours(r.hours) },
    { key: 'money', label: t('steering.research.moneyVnd'), render: (r) => vnMoney(r.money) },
    { key: 'expertise', label: t('steering.research.withExpertise'), render: (r) => r.with_expertise },
  ];
  const columns: Column<Support>[] = [
    { key: 'initiative', label: t('steering.research.initiative'), render: (s) => s.initiative_title },
    { key: 'unit', label: t('steering.research.school'), render: (s) => s.unit_name },
    { key: 'hours', label: t('steering.research.hours'), render: (s) => vnHours(s.hours) },
    { key: 'money', label: t('steering.research.moneyVnd'), render: (s) => vnMoney(s.money) },
    { key: 'expertise', label: t('steering.research.expertise'), render: (s) => s.expertise || '—' },
    {
      key: 'dates',
      label: t('steering.research.period'),
      render: (s) =>
        `${formatDate(s.starts_on)} – ${s.ends_on ? formatDate(s.ends_on) : '…'}`,
    },
    {
      key: 'actions',
      label: t('steering.research.actions'),
      render: (s) => (
        <span className="actions">
          {s.allowed_actions.includes('update') && (
            <button
              type="button"
              onClick={() => {
                setSaved(false);
                setEditing(s);
              }}
              aria-label={t('actors.research.editNamed', { name: s.initiative_title })}
            >
              {t('common.edit')}
            </button>
          )}
          {s.allowed_actions.includes('delete') && (
            <button type="button" className="danger" onClick={() => remove.mutate(s)} aria-label={t('steering.research.deleteNamed', { name: s.initiative_title })}>
              {t('common.delete')}
            </button>
          )}
        </span>
      ),
    },
  ];

  return (
    <ListPage
      title={t('steering.research.title')}
      filters={<SelectFilter p={p} name="school_year" label={t('fields.schoolYear')} options={years.map((y) => ({ value: y, label: y }))} />}
    >
      <p className="muted">{t('steering.research.intro')}</p>
      <h2>{t('steering.research.totalsTitle')}</h2>
      <ErrorBanner error={totals.error} />
      {totals.isPending && <Loading />}
      {totals.data && (
        <>
          <DataTable columns={totalColumns} rows={totals.data.items} rowKey={(r) => r.unit_id} caption={t('steering.research.totalsTitle')} />
          {totals.data.items.length > 1 && (
            <p className="research-sum">
              {t('steering.research.sum', { hours: vnHours(totals.data.hours), money: vnMoney(totals.data.money) })}
            </p>
          )}
        </>
      )}
      {saved && (
        <p className="alert alert-ok" role="status">
          {t('actors.saved')}
        </p>
      )}
      {canWrite && editing && (
        <SupportForm
          key={editing.id}
          support={editing}
          onDone={() => {
            setEditing(null);
            setSaved(true);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {canWrite && !editing && <SupportForm />}
      <h2>{t('steering.research.listTitle')}</h2>
      <ErrorBanner error={remove.error} />
      <PagedTable query={supports} columns={columns} rowKey={(s) => s.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

/** Records a support, or (given `support`) edits one: the initiative stays, the rest can change. */
function SupportForm({ support, onDone, onCancel }: { support?: Support; onDone?: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const create = useCreateSupport();
  const update = useUpdateSupport();
  const mutation = support ? update : create;
  const initiatives = useSupportableInitiatives(!support);
  const [initiative, setInitiative] = useState('');
  const [hours, setHours] = useState(support ? vnHours(support.hours) : '');
  const [money, setMoney] = useState(support ? vnMoney(support.money) : '');
  const [expertise, setExpertise] = useState(support?.expertise ?? '');
  const [start, setStart] = useState(support?.starts_on ?? '');
  const [end, setEnd] = useState(support?.ends_on ?? '');
  const [note, setNote] = useState(support?.note ?? '');
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const errors = { ...(mutation.error instanceof ApiError ? fieldErrors(mutation.error.problem) : {}), ...localError };
  const title = support ? t('actors.research.editNamed', { name: support.initiative_title }) : t('steering.research.record');

  function submit(e: FormEvent) {
    e.preventDefault();
    const amount = parseMoney(money);
    const local: Record<string, string> = {};
    if (!support && !initiative) local.initiative_id = t('steering.research.chooseInitiative');
    if (amount === null) local.money = t('steering.research.moneyInvalid');
    setLocalError(local);
    if (Object.keys(local).length > 0 || amount === null) return;
    if (support) {
      const body = {
        hours: hoursInput(hours),
        money: amount,
        expertise: expertise.trim(),
        starts_on: start,
        ends_on: end || null,
        note: note.trim(),
      };
      update.mutate({ support, body }, { onSuccess: () => onDone?.() });
      return;
    }
    create.mutate(
      {
        initiativeId: Number(initiative),
        body: {
          hours: hoursInput(hours),
          money: amount,
          expertise: expertise.trim(),
          starts_on: start,
          ends_on: end || null,
          note: note.trim(),
        },
      },
      {
        onSuccess: () => {
          setHours('');
          setMoney('');
          setExpertise('');
          setNote('');
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ErrorBanner error={mutation.error} />
      <ErrorBanner error={initiatives.error} />
      {!support && (
        <SelectField
          id="initiative_id"
          label={t('steering.research.initiative')}
          value={initiative}
          onChange={setInitiative}
          error={errors.initiative_id}
          empty={t('common.choose')}
          options={(initiatives.data ?? []).map((i) => ({ value: String(i.id), label: `${i.title} (${i.school_year})` }))}
        />
      )}
      <TextField id="hours" inputMode="decimal" label={t('steering.research.hours')} value={hours} onChange={setHours} error={errors.hours} hint={t('steering.research.hoursHint')} />
      <TextField id="money" inputMode="numeric" label={t('steering.research.moneyVnd')} value={money} onChange={setMoney} error={errors.money} />
      <TextAreaField id="expertise" label={t('steering.research.expertise')} value={expertise} onChange={setExpertise} error={errors.expertise} hint={t('steering.research.expertiseHint')} />
      <TextField id="starts_on" type="date" label={t('steering.research.startsOn')} value={start} onChange={setStart} error={errors.starts_on} required />
      <TextField id="ends_on" type="date" label={t('steering.research.endsOn')} value={end} onChange={setEnd} error={errors.ends_on} />
      <TextField id="note" label={t('steering.research.note')} value={note} onChange={setNote} error={errors.note} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {support ? t('common.save') : t('steering.research.recordButton')}
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

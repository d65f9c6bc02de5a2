import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { downloadFile } from '../../api/client';
import { MOVEMENT_BUDGET_SOURCES, type BudgetAllocation, type BudgetSourceKind, type BudgetSpending } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { useMe } from '../../lib/auth';
import { useMovements } from '../../lib/queries/frameworks';
import { useSchoolOptions } from '../../lib/queries/units';
import { schoolYearOf } from '../../lib/schoolYear';
import { useDownload } from '../../lib/useDownload';
import {
  useAllocations,
  useBudgetSources,
  useBudgetSummary,
  useAttachDocument,
  useCreateAllocation,
  useDeleteAllocation,
  useRecordSpending,
  useUpdateAllocation,
  useSaveSource,
  useSpending,
  type YearFilters,
} from './api/budget';
import { formatDong, parseDong } from './money';
import { formatDate } from '../../lib/format';
import { ConfirmDelete } from '../../components/ConfirmDelete';

type Form = 'source' | 'allocation' | 'spending' | null;

/** Kinh phí của phong trào: Phòng Kinh tế sets the year's budget by source, allocates it and follows
 * the spending; a school sees its own allocations and records its spending with documents. */
export function BudgetPage() {
  const { t } = useTranslation();
  const me = useMe();
  const manage = me.permissions.includes('budget:manage');
  const movements = useMovements();
  const [movementId, setMovementId] = useState('');
  const movement = movements.data?.find((m) => String(m.id) === movementId) ?? movements.data?.[0];
  const years = movement?.school_years ?? [];
  const current = schoolYearOf(new Date().toISOString().slice(0, 10)) ?? '';
  const [year, setYear] = useState('');
  const schoolYear = year || (years.includes(current) ? current : (years[0] ?? ''));
  const filters: YearFilters = { movement_id: movement?.id ?? 0, school_year: schoolYear };
  const ready = Boolean(movement && schoolYear);
  const [open, setOpen] = useState<Form>(null);
  const download = useDownload();

  return (
    <section>
      <h1>{t('budget.title')}</h1>
      <p className="muted">{t('budget.intro')}</p>
      <div className="filters">
        {(movements.data?.length ?? 0) > 1 && (
          <SelectField
            id="movement"
            label={t('budget.movement')}
            value={String(movement?.id ?? '')}
            onChange={setMovementId}
            options={(movements.data ?? []).map((m) => ({ value: String(m.id), label: m.title }))}
          />
        )}
        <SelectField
          id="year"
          label={t('budget.schoolYear')}
          value={schoolYear}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: y }))}
        />
      </div>
      <ErrorBanner error={movements.error} />
      {ready && (
        <>
          <Summary filters={filters} />
          <div className="actions">
            <button
              type="button"
              disabled={download.busy !== null}
              onClick={() =>
                download.run(
                  `/api/v1/budget/summary.xlsx?movement_id=${filters.movement_id}&school_year=${schoolYear}`,
                  `kinh-phi-${schoolYear}.xlsx`,
                )
              }
            >
              {t('budget.download')}
            </button>
            {manage && (
              <button type="button" onClick={() => setOpen(open === 'source' ? null : 'source')}>
                {t('budget.sources.set')}
              </button>
            )}
            {manage && (
              <button type="button" onClick={() => setOpen(open === 'allocation' ? null : 'allocation')}>
                {t('budget.allocations.add')}
              </button>
            )}
            {me.permissions.includes('budget:spend') && (
              <button type="button" onClick={() => setOpen(open === 'spending' ? null : 'spending')}>
                {t('budget.spending.add')}
              </button>
            )}
          </div>
          <ErrorBanner error={download.error} />
          {open === 'source' && <SourceForm filters={filters} onDone={() => setOpen(null)} />}
          {open === 'allocation' && <AllocationForm filters={filters} onDone={() => setOpen(null)} />}
          {open === 'spending' && <SpendingForm filters={filters} onDone={() => setOpen(null)} />}
          <Allocations filters={filters} />
          <SpendingList filters={filters} />
        </>
      )}
    </section>
  );
}

function Summary({ filters }: { filters: YearFilters }) {
  const { t } = useTranslation();
  const me = useMe();
  const summary = useBudgetSummary(filters, true);
  const data = summary.data;
  if (summary.isPending) return <Loading />;
  if (!data) return <ErrorBanner error={summary.error} />;
  const commune = data.total.budget_vnd != null;
  const lines = [
    ...data.sources.map((s) => ({ key: s.source, label: t(`budget.sources.kinds.${s.source}`), ...s })),
    { key: 'total', label: t('budget.summary.total'), ...data.total },
  ];
  return (
    <>
      <h2>{t('budget.summary.title', { year: data.school_year })}</h2>
      <table className="table" data-testid="budget-by-source">
        <thead>
          <tr>
            <th>{t('budget.summary.source')}</th>
            {commune && <th className="col-num">{t('budget.summary.budget')}</th>}
            <th className="col-num">{t('budget.summary.allocated')}</th>
            <th className="col-num">{t('budget.summary.spent')}</th>
            <th className="col-num">{t('budget.summary.remaining')}</th>
            {commune && <th className="col-num">{t('budget.summary.unallocated')}</th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} data-source={l.key}>
              <th scope="row">{l.label}</th>
              {commune && (
                <td className="col-num" data-label={t('budget.summary.budget')}>
                  {formatDong(l.budget_vnd)}
                </td>
              )}
              <td className="col-num" data-label={t('budget.summary.allocated')}>
                {formatDong(l.allocated_vnd)}
              </td>
              <td className="col-num" data-label={t('budget.summary.spent')}>
                {formatDong(l.spent_vnd)}
              </td>
              <td className="col-num" data-label={t('budget.summary.remaining')}>
                {formatDong(l.remaining_vnd)}
              </td>
              {commune && (
                <td className="col-num" data-label={t('budget.summary.unallocated')}>
                  {formatDong(l.unallocated_vnd)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('budget.summary.byUnit')}</h3>
      <DataTable
        className="budget-by-unit"
        rows={data.units}
        rowKey={(u) => u.unit_id ?? 0}
        columns={[
          { key: 'unit', label: t('budget.summary.unit'), render: (u) => u.unit_name },
          ...MOVEMENT_BUDGET_SOURCES.map((k) => ({
            key: k,
            label: t(`budget.sources.kinds.${k}`),
            className: 'col-num',
            render: (u: (typeof data.units)[number]) => formatDong(u.by_source[k] ?? 0),
          })),
          { key: 'allocated', label: t('budget.summary.allocated'), className: 'col-num', render: (u) => formatDong(u.allocated_vnd) },
          { key: 'spent', label: t('budget.summary.spent'), className: 'col-num', render: (u) => formatDong(u.spent_vnd) },
          { key: 'remaining', label: t('budget.summary.remaining'), className: 'col-num', render: (u) => formatDong(u.remaining_vnd) },
        ]}
      />
      {data.contributions && (
        <p data-testid="budget-contributions">
          {t('budget.summary.contributions', {
            cash: formatDong(data.contributions.cash_vnd),
            inKind: formatDong(data.contributions.in_kind_vnd),
            count: data.contributions.partners,
          })}{' '}
          {me.permissions.includes('partners:read') && <Link to="/budget/partners">{t('budget.partners.title')}</Link>}
        </p>
      )}
      {data.cash_rewards && (
        <p data-testid="budget-cash-rewards">
          {t('budget.summary.cashRewards', {
            total: formatDong(data.cash_rewards.total_vnd),
            count: data.cash_rewards.decisions,
          })}{' '}
          <Link to="/awards/cash">{t('budget.summary.cashRewardsLink')}</Link>
        </p>
      )}
    </>
  );
}

function SourceForm({ filters, onDone }: { filters: YearFilters; onDone: () => void }) {
  const { t } = useTranslation();
  const sources = useBudgetSources(filters, true);
  const save = useSaveSource();
  const [source, setSource] = useState<BudgetSourceKind>('state_budget');
  const existing = sources.data?.find((s) => s.source === source);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const errors = save.error instanceof ApiError ? fieldErrors(save.error.problem) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(
      { existing, body: { ...filters, source, amount_vnd: parseDong(amount), note: note.trim() || existing?.note || '' } },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('budget.sources.set')}>
      <h2>{t('budget.sources.set')}</h2>
      <ErrorBanner error={save.error} />
      <SelectField
        id="source"
        label={t('budget.sources.source')}
        value={source}
        onChange={(v) => setSource(v as BudgetSourceKind)}
        error={errors.source}
        options={MOVEMENT_BUDGET_SOURCES.map((k) => ({ value: k, label: t(`budget.sources.kinds.${k}`) }))}
      />
      {existing && (
        <p className="muted">
          {t('budget.sources.current', { amount: formatDong(existing.amount_vnd), allocated: formatDong(existing.allocated_vnd) })}
        </p>
      )}
      <TextField
        id="amount_vnd"
        label={t('budget.amount')}
        inputMode="numeric"
        value={amount}
        onChange={setAmount}
        error={errors.amount_vnd}
        required
      />
      <TextField id="note" label={t('budget.sources.note')} value={note} onChange={setNote} error={errors.note} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('budget.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function AllocationForm({ filters, onDone }: { filters: YearFilters; onDone: () => void }) {
  const { t } = useTranslation();
  const sources = useBudgetSources(filters, true);
  const schools = useSchoolOptions();
  const create = useCreateAllocation();
  const [sourceId, setSourceId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [amount, setAmount] = useState('');
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};
  const preferred = sources.data?.find((s) => s.source === 'state_budget') ?? sources.data?.[0];
  const chosen = sourceId || String(preferred?.id ?? '');

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      {
        source_id: Number(chosen),
        unit_id: unitId ? Number(unitId) : null,
        purpose: purpose.trim(),
        amount_vnd: parseDong(amount),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('budget.allocations.add')}>
      <h2>{t('budget.allocations.add')}</h2>
      <ErrorBanner error={create.error ?? sources.error} />
      {sources.data?.length === 0 && <p className="alert">{t('budget.allocations.noSource')}</p>}
      <SelectField
        id="source_id"
        label={t('budget.sources.source')}
        value={chosen}
        onChange={setSourceId}
        error={errors.source_id}
        options={(sources.data ?? []).map((s) => ({
          value: String(s.id),
          label: `${t(`budget.sources.kinds.${s.source}`)} (${t('budget.allocations.left', {
            amount: formatDong(s.amount_vnd - s.allocated_vnd),
          })})`,
        }))}
      />
      <SelectField
        id="unit_id"
        label={t('budget.allocations.unit')}
        value={unitId}
        onChange={setUnitId}
        error={errors.unit_id}
        empty={t('budget.communeActivities')}
        options={(schools.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
      />
      <TextField id="purpose" label={t('budget.allocations.purpose')} value={purpose} onChange={setPurpose} error={errors.purpose} required />
      <TextField
        id="amount_vnd"
        label={t('budget.amount')}
        inputMode="numeric"
        value={amount}
        onChange={setAmount}
        error={errors.amount_vnd}
        required
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('budget.allocations.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function allocationLabel(a: BudgetAllocation, t: (k: string, o?: Record<string, string>) => string): string {
  return `${a.unit_name ?? t('budget.communeActivities')}: ${a.purpose} (${t('budget.allocations.left', {
    amount: formatDong(a.remaining_vnd),
  })})`;
}

function SpendingForm({ filters, onDone }: { filters: YearFilters; onDone: () => void }) {
  const { t } = useTranslation();
  const allocations = useAllocations(filters, true);
  const record = useRecordSpending();
  const attach = useAttachDocument();
  // Saved already (its document was refused): a new try only attaches the document.
  const [created, setCreated] = useState<number | null>(null);
  const open = (allocations.data?.items ?? []).filter((a) => a.allowed_actions.includes('spend'));
  const [allocationId, setAllocationId] = useState('');
  const [spentOn, setSpentOn] = useState('');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [voucher, setVoucher] = useState('');
  const [reason, setReason] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const failed = created === null ? record.error : attach.error;
  const errors = failed instanceof ApiError ? fieldErrors(failed.problem) : {};
  const chosen = allocationId || String(open[0]?.id ?? '');
  const allocation = open.find((a) => String(a.id) === chosen);
  const over = allocation !== undefined && parseDong(amount) > allocation.remaining_vnd;

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const id =
        created ??
        (
          await record.mutateAsync({
            allocationId: Number(chosen),
            body: {
              spent_on: spentOn,
              amount_vnd: parseDong(amount),
              description: description.trim(),
              voucher_number: voucher.trim(),
              override_reason: reason.trim() || null,
            },
          })
        ).id;
      setCreated(id);
      if (file) await attach.mutateAsync({ spendingId: id, file });
      onDone();
    } catch {
      // the refusal is shown by the banner and next to its field
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('budget.spending.add')}>
      <h2>{t('budget.spending.add')}</h2>
      <ErrorBanner error={failed ?? allocations.error} />
      {created !== null && <p className="alert alert-info">{t('budget.spending.savedWithoutDocument')}</p>}
      <SelectField
        id="allocation_id"
        label={t('budget.spending.allocation')}
        value={chosen}
        onChange={setAllocationId}
        options={open.map((a) => ({ value: String(a.id), label: allocationLabel(a, t) }))}
      />
      <TextField id="spent_on" type="date" label={t('budget.spending.date')} value={spentOn} onChange={setSpentOn} error={errors.spent_on} required />
      <TextField
        id="amount_vnd"
        label={t('budget.amount')}
        inputMode="numeric"
        value={amount}
        onChange={setAmount}
        error={errors.amount_vnd}
        required
      />
      <TextField
        id="description"
        label={t('budget.spending.description')}
        value={description}
        onChange={setDescription}
        error={errors.description}
        required
      />
      <TextField id="voucher_number" label={t('budget.spending.voucher')} value={voucher} onChange={setVoucher} error={errors.voucher_number} />
      {(over || errors.override_reason) && (
        <TextAreaField
          id="override_reason"
          label={t('budget.spending.overrideReason')}
          hint={t('budget.spending.overrideHint')}
          value={reason}
          onChange={setReason}
          error={errors.override_reason}
        />
      )}
      <div className="field">
        <label htmlFor="file">{t('budget.spending.document')}</label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {errors.file && <p className="field-error">{errors.file}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={record.isPending || attach.isPending || !chosen}>
          {t('budget.spending.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function Allocations({ filters }: { filters: YearFilters }) {
  const { t } = useTranslation();
  const allocations = useAllocations(filters, true);
  const remove = useDeleteAllocation();
  const [editing, setEditing] = useState<BudgetAllocation | null>(null);
  const [deleting, setDeleting] = useState<BudgetAllocation | null>(null);
  const [saved, setSaved] = useState('');
  const name = (a: BudgetAllocation) => `${a.unit_name ?? t('budget.communeActivities')}: ${a.purpose}`;
  const columns: Column<BudgetAllocation>[] = [
    { key: 'unit', label: t('budget.allocations.unit'), render: (a) => a.unit_name ?? t('budget.communeActivities') },
    { key: 'source', label: t('budget.sources.source'), render: (a) => t(`budget.sources.kinds.${a.source}`) },
    { key: 'purpose', label: t('budget.allocations.purpose'), render: (a) => a.purpose },
    { key: 'amount', label: t('budget.summary.allocated'), className: 'col-num', render: (a) => formatDong(a.amount_vnd) },
    { key: 'spent', label: t('budget.summary.spent'), className: 'col-num', render: (a) => formatDong(a.spent_vnd) },
    { key: 'remaining', label: t('budget.summary.remaining'), className: 'col-num', render: (a) => formatDong(a.remaining_vnd) },
  ];
  if ((allocations.data?.items ?? []).some((a) => a.allowed_actions.includes('update')))
    columns.push({
      key: 'actions',
      label: t('actors.actions'),
      render: (a) => (
        <span className="actions">
          {a.allowed_actions.includes('update') && (
            <button
              type="button"
              onClick={() => {
                setSaved('');
                setDeleting(null);
                setEditing(a);
              }}
              aria-label={t('actors.budget.editNamed', { name: name(a) })}
            >
              {t('common.edit')}
            </button>
          )}
          {a.allowed_actions.includes('delete') && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                setSaved('');
                setEditing(null);
                remove.reset();
                setDeleting(a);
              }}
              aria-label={t('actors.budget.deleteNamed', { name: name(a) })}
            >
              {t('common.delete')}
            </button>
          )}
        </span>
      ),
    });
  return (
    <>
      <h2>{t('budget.allocations.title')}</h2>
      <ErrorBanner error={allocations.error} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {saved}
        </p>
      )}
      {editing && (
        <AllocationEditForm
          key={editing.id}
          allocation={editing}
          onDone={() => {
            setEditing(null);
            setSaved(t('actors.saved'));
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {deleting && (
        <>
          <ErrorBanner error={remove.error} />
          <ConfirmDelete
            question={t('actors.budget.deleteConfirm', { name: name(deleting) })}
            yes={t('common.delete')}
            busy={remove.isPending}
            onYes={() =>
              remove.mutate(deleting, {
                onSuccess: () => {
                  setDeleting(null);
                  setSaved(t('actors.budget.deleted'));
                },
              })
            }
            onCancel={() => setDeleting(null)}
          />
        </>
      )}
      {allocations.data && (
        <DataTable className="budget-allocations" columns={columns} rows={allocations.data.items} rowKey={(a) => a.id} />
      )}
    </>
  );
}

/** The purpose and amount of an allocation (its source and school stay: a new allocation moves money). */
function AllocationEditForm({
  allocation,
  onDone,
  onCancel,
}: {
  allocation: BudgetAllocation;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateAllocation();
  const [purpose, setPurpose] = useState(allocation.purpose);
  const [amount, setAmount] = useState(formatDong(allocation.amount_vnd));
  const [amountError, setAmountError] = useState('');
  const errors: Record<string, string> = {
    ...(update.error instanceof ApiError ? fieldErrors(update.error.problem) : {}),
    ...(amountError ? { amount_vnd: amountError } : {}),
  };
  const title = t('actors.budget.editNamed', { name: `${allocation.unit_name ?? t('budget.communeActivities')}: ${allocation.purpose}` });

  function submit(e: FormEvent) {
    e.preventDefault();
    const amountVnd = parseDong(amount);
    setAmountError(Number.isNaN(amountVnd) ? t('actors.amountInvalid') : '');
    if (Number.isNaN(amountVnd)) return;
    update.mutate({ allocation, body: { purpose: purpose.trim(), amount_vnd: amountVnd } }, { onSuccess: onDone });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ErrorBanner error={update.error} />
      <TextField id="purpose" label={t('budget.allocations.purpose')} value={purpose} onChange={setPurpose} error={errors.purpose} required />
      <TextField
        id="amount_vnd"
        label={t('budget.amount')}
        inputMode="numeric"
        value={amount}
        onChange={setAmount}
        error={errors.amount_vnd}
        hint={t('actors.budget.amountHint', { spent: formatDong(allocation.spent_vnd) })}
        required
      />
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

function SpendingList({ filters }: { filters: YearFilters }) {
  const { t } = useTranslation();
  const spending = useSpending(filters, true);
  const [error, setError] = useState<unknown>(null);
  const columns: Column<BudgetSpending>[] = [
    { key: 'date', label: t('budget.spending.date'), render: (s) => formatDate(s.spent_on) },
    { key: 'unit', label: t('budget.allocations.unit'), render: (s) => s.unit_name ?? t('budget.communeActivities') },
    { key: 'description', label: t('budget.spending.description'), render: (s) => s.description },
    { key: 'voucher', label: t('budget.spending.voucher'), render: (s) => s.voucher_number || '—' },
    { key: 'amount', label: t('budget.amount'), className: 'col-num', render: (s) => formatDong(s.amount_vnd) },
    {
      key: 'override',
      label: t('budget.spending.overrideReason'),
      render: (s) => s.override_reason ?? '—',
    },
    {
      key: 'documents',
      label: t('budget.spending.documents'),
      render: (s) =>
        s.documents.length === 0
          ? '—'
          : s.documents.map((d) => (
              <button
                key={d.id}
                type="button"
                className="link-button"
                onClick={() => {
                  setError(null);
                  downloadFile(d.download_url, d.filename).catch(setError);
                }}
              >
                {d.filename}
              </button>
            )),
    },
  ];
  return (
    <>
      <h2>{t('budget.spending.title')}</h2>
      <ErrorBanner error={spending.error ?? error} />
      {spending.data && (
        <DataTable className="budget-spending" columns={columns} rows={spending.data.items} rowKey={(s) => s.id} />
      )}
    </>
  );
}

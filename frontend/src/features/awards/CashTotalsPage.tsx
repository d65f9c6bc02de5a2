import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { TextField } from '../../components/fields';
import { useListParams } from '../../lib/useListParams';
import { useDownload } from '../../lib/useDownload';
import { formatDong, parseDong } from '../../lib/money';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectFilter } from '../../components/ListFilters';
import { useAwardRoundOptions, useBaseSalaries, useCashTotals, useCreateBaseSalary } from './api/awards';
import { formatDate } from '../../lib/format';

const SALARY_FIELDS = ['effective_from', 'amount', 'legal_basis'] as const;

/** A new base salary from its effective date (Decree 73/2024 set 2.340.000 đ from 1 July 2024). */
function BaseSalaryForm() {
  const { t } = useTranslation();
  const create = useCreateBaseSalary();
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [amount, setAmount] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [saved, setSaved] = useState(false);
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    create.mutate(
      { effective_from: effectiveFrom, amount: parseDong(amount), legal_basis: legalBasis.trim() },
      {
        onSuccess: () => {
          setSaved(true);
          setEffectiveFrom('');
          setAmount('');
          setLegalBasis('');
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="base-salary-form">
      <h3 id="base-salary-form">{t('awardFlows.baseSalary.heading')}</h3>
      <p className="field-hint">{t('awardFlows.baseSalary.hint')}</p>
      <ErrorBanner error={create.error} fields={SALARY_FIELDS} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {t('awardFlows.baseSalary.saved')}
        </p>
      )}
      <div className="grid-2">
        <TextField
          id="effective_from"
          type="date"
          label={t('awardFlows.baseSalary.effectiveFrom')}
          value={effectiveFrom}
          onChange={setEffectiveFrom}
          error={errors.effective_from}
          required
        />
        <TextField
          id="amount"
          label={t('awardFlows.baseSalary.amount')}
          hint={t('awardFlows.baseSalary.amountHint')}
          value={amount}
          onChange={setAmount}
          error={errors.amount}
          required
        />
      </div>
      <TextField
        id="legal_basis"
        label={t('awardFlows.baseSalary.legalBasis')}
        value={legalBasis}
        onChange={setLegalBasis}
        error={errors.legal_basis}
        required
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('awardFlows.baseSalary.save')}
        </button>
      </div>
    </form>
  );
}


/** Phòng Kinh tế: the cash rewards of issued decisions, per round and per decision, with an XLSX export. */
export function CashTotalsPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const roundId = Number(p.get('round_id')) || undefined;
  const rounds = useAwardRoundOptions();
  const query = useCashTotals(roundId);
  const download = useDownload();
  const salaries = useBaseSalaries();
  const me = useMe();
  const data = query.data;

  return (
    <section>
      <h1>{t('awards.cash.title')}</h1>
      <div className="filters">
        <SelectFilter
          p={p}
          name="round_id"
          label={t('awards.cash.round')}
          options={(rounds.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
        />
      </div>
      <div className="actions">
        <button
          type="button"
          disabled={download.busy !== null}
          onClick={() => download.run(`/api/v1/award-decisions/cash-totals.xlsx${roundId ? `?round_id=${roundId}` : ''}`, 'tien-thuong.xlsx')}
        >
          {t('awards.cash.download')}
        </button>
      </div>
      <ErrorBanner error={download.error ?? query.error} />
      {query.isPending && <Loading />}
      {data && data.decisions.length === 0 && <p>{t('awards.cash.empty')}</p>}
      {data && data.decisions.length > 0 && (
        <>
          <h2>{t('awards.cash.byRound')}</h2>
          <table className="table" data-testid="cash-by-round">
            <thead>
              <tr>
                <th>{t('awards.cash.round')}</th>
                <th className="col-num">{t('awards.cash.decisions')}</th>
                <th className="col-num">{t('awards.cash.total')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rounds.map((r) => (
                <tr key={r.round_id}>
                  <td>{r.round_name}</td>
                  <td className="col-num">{r.decisions}</td>
                  <td className="col-num">{formatDong(r.total)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th>{t('awards.cash.grandTotal')}</th>
                <td />
                <th className="col-num" data-testid="cash-grand-total">
                  {formatDong(data.total)}
                </th>
              </tr>
            </tfoot>
          </table>
          <h2>{t('awards.cash.byDecision')}</h2>
          <table className="table" data-testid="cash-by-decision">
            <thead>
              <tr>
                <th>{t('awards.cash.number')}</th>
                <th>{t('awards.cash.signedOn')}</th>
                <th>{t('awards.cash.round')}</th>
                <th>{t('awards.cash.issuer')}</th>
                <th className="col-num">{t('awards.cash.awardees')}</th>
                <th className="col-num">{t('awards.cash.baseSalary')}</th>
                <th className="col-num">{t('awards.cash.total')}</th>
              </tr>
            </thead>
            <tbody>
              {data.decisions.map((d) => (
                <tr key={d.decision_id}>
                  <td>{d.number}</td>
                  <td>{formatDate(d.signed_on)}</td>
                  <td>{d.round_name}</td>
                  <td>{d.issuer}</td>
                  <td className="col-num">{d.awardees}</td>
                  <td className="col-num">{d.base_salary == null ? '—' : formatDong(d.base_salary)}</td>
                  <td className="col-num">{formatDong(d.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>{t('awards.cash.baseSalaries')}</h2>
      <table className="table" data-testid="base-salaries">
        <thead>
          <tr>
            <th>{t('awards.cash.effectiveFrom')}</th>
            <th className="col-num">{t('awards.cash.baseSalary')}</th>
            <th>{t('awards.cash.legalBasis')}</th>
          </tr>
        </thead>
        <tbody>
          {(salaries.data ?? []).map((b) => (
            <tr key={b.id}>
              <td>{formatDate(b.effective_from)}</td>
              <td className="col-num">{formatDong(b.amount)}</td>
              <td>{b.legal_basis}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {me.permissions.includes('award_types:write') && <BaseSalaryForm />}
    </section>
  );
}

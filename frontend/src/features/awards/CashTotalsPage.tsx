import { useTranslation } from 'react-i18next';
import { useListParams } from '../../lib/useListParams';
import { useDownload } from '../../lib/useDownload';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectFilter } from '../../components/ListFilters';
import { useAwardRoundOptions, useBaseSalaries, useCashTotals } from './api/awards';
import { formatDate } from '../../lib/format';

/** Đồng as a Vietnamese reader writes them: 1.000.000 đ. */
export function formatDong(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(amount)} đ`;
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
    </section>
  );
}

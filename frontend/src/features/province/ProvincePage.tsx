import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Heatmap, InboxPeriod, ProvinceProposal, ProvinceRankedSchool } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/fields';
import { Pagination } from '../../components/Pagination';
import { formatDate, formatPercent } from '../../lib/format';
import { formatNumber, heatColour } from '../../lib/indicators';
import { schoolYearOf } from '../../lib/schoolYear';
import {
  useProvinceCommunes,
  useProvinceHeatmap,
  useProvinceProposals,
  useProvinceRanking,
  useReportInbox,
} from './api/province';
import { CommunePlans } from './CommunePlans';
import './province.css';

const PAGE = 20;

/** A stored percentage ("87.50") as a number, or null without one. */
function percentValue(value: string | null | undefined): number | null {
  if (value == null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function recentYears(): string[] {
  const now = schoolYearOf(new Date().toISOString().slice(0, 10)) ?? '2025-2026';
  const start = Number(now.slice(0, 4));
  return [0, 1, 2].map((i) => `${start - i}-${start - i + 1}`);
}

/** One period of the inbox: who sent their consolidated report, who has not. */
function Period({ period }: { period: InboxPeriod }) {
  const { t } = useTranslation();
  return (
    <article className="province-period" aria-label={period.label}>
      <h3>{period.label}</h3>
      <p>
        <span className="badge badge-ok">{t('tenancy.received', { count: period.received.length })}</span>{' '}
        <span className={period.missing.length ? 'badge badge-warn' : 'badge'}>
          {t('tenancy.missing', { count: period.missing.length })}
        </span>
      </p>
      <ul className="province-received">
        {period.received.map((r) => (
          <li key={r.issue_id}>
            <strong>{r.commune_name}</strong>:{' '}
            {t('tenancy.receivedLine', { number: r.number, date: formatDate(r.issued_on), signer: r.signer })}
            {r.sequence > 1 ? ` ${t('tenancy.reissued', { sequence: r.sequence })}` : ''}
          </li>
        ))}
      </ul>
      {period.missing.length > 0 && (
        <p className="province-missing">
          {t('tenancy.missingFrom')} {period.missing.map((m) => m.commune_name).join(', ')}
        </p>
      )}
    </article>
  );
}

function CommuneHeatmap({ data }: { data: Heatmap }) {
  const { t } = useTranslation();
  if (data.cells.length === 0) return <p className="muted">{t('tenancy.noScores')}</p>;
  const style = { '--cols': data.criteria.length } as CSSProperties;
  const cell = new Map(data.cells.map((c) => [`${c.commune_id}:${c.code}`, c]));
  return (
    <div className="heatmap-scroll">
      <div className="heatmap" role="table" aria-label={t('tenancy.heatmapCaption')} style={style}>
        <div className="heatmap-row heatmap-head" role="row">
          <span role="columnheader">{t('tenancy.commune')}</span>
          {data.criteria.map((code) => (
            <span key={code} role="columnheader">
              {code}
            </span>
          ))}
        </div>
        {data.communes.map((commune) => (
          <div key={commune.id} className="heatmap-row" role="row">
            <span role="rowheader" className="heatmap-subject">
              {commune.name}
            </span>
            {data.criteria.map((code) => {
              const found = cell.get(`${commune.id}:${code}`);
              const p = percentValue(found?.average_completion_percent);
              const colour = heatColour(p);
              return (
                <span
                  key={code}
                  role="cell"
                  className="heatmap-cell"
                  style={{ background: colour.background, color: colour.color }}
                  aria-label={t('tenancy.heatCell', {
                    commune: commune.name,
                    criterion: code,
                    value: p == null ? t('indicator.noData') : `${formatNumber(p)} %`,
                    count: found?.assessments ?? 0,
                  })}
                >
                  {p == null ? '–' : formatNumber(p)}
                </span>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}

function Ranking({ schoolYear, code, version }: { schoolYear: string; code: string; version: number }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const query = useProvinceRanking({
    school_year: schoolYear,
    framework_code: code,
    version_number: version,
    limit: PAGE,
    offset,
  });
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const data = query.data;
  return (
    <>
      <p className="province-note" role="note">
        {data.note}
      </p>
      <DataTable<ProvinceRankedSchool>
        rows={data.items}
        rowKey={(r) => r.assessment_id}
        caption={t('tenancy.rankingTitle')}
        empty={{ message: t('tenancy.noScores') }}
        columns={[
          { key: 'rank', label: t('tenancy.rank'), className: 'col-num', render: (r) => String(r.rank) },
          { key: 'school', label: t('tenancy.school'), render: (r) => r.unit_name },
          { key: 'commune', label: t('tenancy.commune'), render: (r) => r.commune_name },
          {
            key: 'completion',
            label: t('tenancy.completion'),
            className: 'col-num',
            render: (r) => formatPercent(r.completion_percent),
          },
          { key: 'classification', label: t('tenancy.classification'), render: (r) => r.classification_label },
        ]}
      />
      <Pagination total={data.total} limit={PAGE} offset={offset} onChange={setOffset} />
    </>
  );
}

export function ProvincePage() {
  const { t } = useTranslation();
  const years = recentYears();
  const [schoolYear, setSchoolYear] = useState(years[0]!);
  const [code, setCode] = useState('BDC-CSGD');
  const [version, setVersion] = useState('1');
  const communes = useProvinceCommunes();
  const inbox = useReportInbox(schoolYear);
  const heatmap = useProvinceHeatmap({ school_year: schoolYear, framework_code: code });
  const proposals = useProvinceProposals(schoolYear);
  const versionNumber = Number(version);
  return (
    <section className="province">
      <h1>{t('tenancy.title')}</h1>
      <p className="muted">
        {communes.data ? t('tenancy.communesLine', { count: communes.data.length, schools: communes.data.reduce((n, c) => n + c.schools, 0) }) : ''}
      </p>
      <ErrorBanner error={communes.error} />
      <div className="filters province-filters">
        <SelectField
          id="school_year"
          label={t('tenancy.schoolYear')}
          value={schoolYear}
          onChange={setSchoolYear}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <TextField id="framework_code" label={t('tenancy.frameworkCode')} value={code} onChange={setCode} />
        <TextField
          id="version_number"
          label={t('tenancy.version')}
          value={version}
          onChange={setVersion}
          inputMode="numeric"
        />
      </div>

      <h2>{t('tenancy.inboxTitle')}</h2>
      <ErrorBanner error={inbox.error} />
      {inbox.isPending ? (
        <Loading />
      ) : inbox.data && inbox.data.periods.length > 0 ? (
        inbox.data.periods.map((p) => <Period key={`${p.kind}:${p.period_label}`} period={p} />)
      ) : (
        <p className="muted">{t('tenancy.noPeriods')}</p>
      )}

      {communes.isPending ? <Loading /> : communes.data ? <CommunePlans communes={communes.data} /> : null}

      <h2>{t('tenancy.heatmapTitle')}</h2>
      <ErrorBanner error={heatmap.error} />
      {heatmap.isPending ? <Loading /> : heatmap.data ? <CommuneHeatmap data={heatmap.data} /> : null}

      <h2>{t('tenancy.rankingTitle')}</h2>
      {Number.isInteger(versionNumber) && versionNumber >= 1 && code.trim() ? (
        <Ranking schoolYear={schoolYear} code={code.trim()} version={versionNumber} />
      ) : (
        <p className="muted">{t('tenancy.chooseVersion')}</p>
      )}

      <h2>{t('tenancy.proposalsTitle')}</h2>
      <ErrorBanner error={proposals.error} />
      {proposals.isPending ? (
        <Loading />
      ) : (
        <DataTable<ProvinceProposal>
          rows={proposals.data ?? []}
          rowKey={(p) => p.id}
          caption={t('tenancy.proposalsTitle')}
          empty={{ message: t('tenancy.noProposals') }}
          columns={[
            { key: 'commune', label: t('tenancy.commune'), render: (p) => p.commune_name },
            { key: 'number', label: t('tenancy.number'), render: (p) => p.number },
            { key: 'date', label: t('tenancy.signedOn'), render: (p) => formatDate(p.signed_on) },
            { key: 'round', label: t('tenancy.round'), render: (p) => p.round_name },
            { key: 'nominees', label: t('tenancy.nominees'), className: 'col-num', render: (p) => String(p.nominees) },
            {
              key: 'answer',
              label: t('tenancy.answer'),
              render: (p) =>
                p.province_decision_number
                  ? `${p.province_decision_number} (${formatDate(p.province_decision_date)})`
                  : t('tenancy.awaiting'),
            },
          ]}
        />
      )}
    </section>
  );
}

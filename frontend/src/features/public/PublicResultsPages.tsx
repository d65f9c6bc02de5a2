import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { Pagination } from '../../components/Pagination';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { usePublicResult, usePublicResults } from './api/public';
import { formatPercent } from './format';
import { PublicTable } from './PublicTable';
import { usePublicCommune } from './commune';

/** Kết quả đánh giá đã công khai (seed IV.6): one entry per framework and school year. */
export function PublicResultsPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const query = usePublicResults(p.offset, p.limit, usePublicCommune());
  return (
    <section>
      <h1>{t('honour.resultsTitle')}</h1>
      <p className="muted">{t('honour.resultsIntro')}</p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {query.data && (
        <>
          <PublicTable
            label={t('honour.resultsTitle')}
            rows={query.data.items}
            rowKey={(r) => r.id}
            empty={t('honour.resultsEmpty')}
            columns={[
              { key: 'name', label: t('honour.framework'), render: (r) => <Link to={`/ket-qua/${r.id}`}>{r.framework_name}</Link> },
              { key: 'year', label: t('honour.schoolYear'), render: (r) => r.school_year },
              { key: 'at', label: t('honour.publishedAt'), render: (r) => formatDateTime(r.published_at) },
            ]}
          />
          <Pagination offset={p.offset} limit={p.limit} total={query.data.total} onChange={p.setOffset} />
        </>
      )}
    </section>
  );
}

/** The ranked table of the schools' verified results of one publication. */
export function PublicResultPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const query = usePublicResult(id);
  const r = query.data;
  return (
    <section>
      <p>
        <Link to="/ket-qua">← {t('honour.resultsTitle')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {r && (
        <>
          <h1>{r.framework_name}</h1>
          <p className="muted">
            {t('honour.schoolYearN', { year: r.school_year })} · {t('honour.publishedOn', { date: formatDateTime(r.published_at) })}
          </p>
          <p>{t('honour.resultHint')}</p>
          <PublicTable
            label={t('honour.rankingOf', { name: r.framework_name, year: r.school_year })}
            rows={r.rows}
            rowKey={(x) => `${x.rank}|${x.unit_name}`}
            empty={t('honour.resultsEmpty')}
            columns={[
              { key: 'rank', label: t('honour.rank'), className: 'col-num', render: (x) => x.rank },
              { key: 'unit', label: t('honour.school'), render: (x) => x.unit_name },
              {
                key: 'level',
                label: t('honour.schoolLevel'),
                render: (x) => (x.school_level ? t(`schoolLevels.${x.school_level}`, { defaultValue: x.school_level }) : '—'),
              },
              {
                key: 'completion',
                label: t('honour.completion'),
                className: 'col-num',
                render: (x) => formatPercent(x.completion_percent, i18n.language),
              },
              { key: 'class', label: t('honour.classification'), render: (x) => x.classification_label },
            ]}
          />
        </>
      )}
    </section>
  );
}

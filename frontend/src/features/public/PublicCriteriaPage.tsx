import { useTranslation } from 'react-i18next';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { formatDong } from '../../lib/money';
import { usePublicCriteria } from './api/public';
import { formatDate, formatPercent } from './format';
import { PublicTable } from './PublicTable';
import type { PublicAwardType, PublicFramework } from './types';
import { usePublicCommune } from './commune';

/** "30.00" → "30", "2.50" → "2,5" (Vietnamese) or "2.5" (English). */
function points(value: string | number, lang: string): string {
  const text = String(Number(value));
  return lang.startsWith('vi') ? text.replace('.', ',') : text;
}

function AwardTypeCard({ a }: { a: PublicAwardType }) {
  const { t } = useTranslation();
  return (
    <article className="criteria-card" aria-labelledby={`award-${a.code}`}>
      <h3 id={`award-${a.code}`}>
        {a.name} <span className="muted">({t(`awardFlows.criteria.subjects.${a.subject_kind}`)})</span>
      </h3>
      <p className="muted">
        {a.level_label} · {t('awardFlows.criteria.grantedBy', { authority: a.granting_authority_label })} ·{' '}
        {t('awardFlows.criteria.consideredIn', { rounds: a.round_kind_labels.join(', ') })}
      </p>
      {a.description && <p>{a.description}</p>}
      <ul aria-label={t('awardFlows.criteria.conditionsOf', { name: a.name })}>
        {a.criteria.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      {a.cash_amount != null && (
        <p>
          {t('awardFlows.criteria.cash', {
            amount: formatDong(a.cash_amount),
            coefficient: String(Number(a.cash_coefficient ?? 0)).replace('.', ','),
          })}
        </p>
      )}
    </article>
  );
}

function FrameworkSection({ f }: { f: PublicFramework }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby={`framework-${f.code}`}>
      <h3 id={`framework-${f.code}`}>
        {f.name} <span className="muted">({t('awardFlows.criteria.maxPoints', { points: points(f.max_points, i18n.language) })})</span>
      </h3>
      {f.classification.length > 0 && (
        <p>
          {t('awardFlows.criteria.classification')}{' '}
          {f.classification.map((b) => `${b.label}: ${t('awardFlows.criteria.fromPercent', { percent: formatPercent(b.min_percent, i18n.language) })}`).join('; ')}
        </p>
      )}
      <PublicTable
        label={f.name}
        rows={f.criteria.flatMap((c) => c.indicators.map((i) => ({ criterion: c, indicator: i })))}
        rowKey={(r) => r.indicator.code}
        empty={t('awardFlows.criteria.noIndicators')}
        columns={[
          { key: 'criterion', label: t('awardFlows.criteria.criterion'), render: (r) => `${r.criterion.code}. ${r.criterion.name}` },
          { key: 'indicator', label: t('awardFlows.criteria.indicator'), render: (r) => `${r.indicator.code}. ${r.indicator.name}` },
          { key: 'points', label: t('awardFlows.criteria.points'), className: 'col-num', render: (r) => points(r.indicator.max_points, i18n.language) },
          {
            key: 'notes',
            label: t('awardFlows.criteria.notes'),
            render: (r) =>
              [r.indicator.mandatory ? t('awardFlows.criteria.mandatory') : '', r.indicator.evidence_required ? t('awardFlows.criteria.evidence') : '']
                .filter(Boolean)
                .join('; '),
          },
        ]}
      />
    </section>
  );
}

/** Tiêu chí khen thưởng công khai (Kế hoạch, mục IV.5): award types with criteria written from the rules
 * the system checks, the scorecard frameworks with their indicators and points, the rounds' timetable. */
export function PublicCriteriaPage() {
  const { t } = useTranslation();
  const query = usePublicCriteria(usePublicCommune());
  const data = query.data;
  return (
    <section>
      <h1>{t('awardFlows.criteria.title')}</h1>
      <p className="muted">{t('awardFlows.criteria.intro')}</p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {data && (
        <>
          <h2>{t('awardFlows.criteria.awardTypes')}</h2>
          {data.base_salary != null && <p>{t('awardFlows.criteria.baseSalary', { amount: formatDong(data.base_salary) })}</p>}
          {data.award_types.length === 0 && <p>{t('awardFlows.criteria.noAwardTypes')}</p>}
          {data.award_types.map((a) => (
            <AwardTypeCard key={a.code} a={a} />
          ))}
          <h2>{t('awardFlows.criteria.frameworks')}</h2>
          {data.frameworks.map((f) => (
            <FrameworkSection key={f.code} f={f} />
          ))}
          <h2>{t('awardFlows.criteria.timetable')}</h2>
          <PublicTable
            label={t('awardFlows.criteria.timetable')}
            rows={data.rounds}
            rowKey={(r) => r.id}
            empty={t('awardFlows.criteria.noRounds')}
            columns={[
              { key: 'name', label: t('awardFlows.criteria.round'), render: (r) => r.name },
              { key: 'kind', label: t('awardFlows.criteria.kind'), render: (r) => r.kind_label },
              { key: 'dates', label: t('awardFlows.criteria.dates'), render: (r) => `${formatDate(r.opens_on)} – ${formatDate(r.closes_on)}` },
              { key: 'awards', label: t('awardFlows.criteria.awards'), render: (r) => r.award_names.join('; ') },
            ]}
          />
        </>
      )}
    </section>
  );
}

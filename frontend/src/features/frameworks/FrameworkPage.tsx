import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IndicatorOut } from '../../api/types';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { formatNumber } from '../../lib/indicators';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { DataTable, type Column } from '../../components/DataTable';
import { displayValue } from '../../components/IndicatorInput';
import { useFramework } from '../../lib/queries/frameworks';
import { useFrameworkAction, useFrameworkSources } from './api/frameworks';
import { FrameworkStatusBadge } from './FrameworksListPage';
import { EvaluationWindows } from './EvaluationWindows';

export function FrameworkPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useFramework(id);
  const sources = useFrameworkSources();
  const action = useFrameworkAction();
  const f = query.data;
  const canWrite = me.permissions.includes('frameworks:write');
  const sourceLabel = (name: string | null) => (name ? (sources.data?.find((s) => s.name === name)?.label ?? name) : '');

  const columns: Column<IndicatorOut>[] = [
    { key: 'code', label: t('fields.code'), render: (i) => i.code },
    { key: 'name', label: t('frameworks.indicator'), render: (i) => i.name },
    { key: 'kind', label: t('frameworks.kind'), render: (i) => t(`indicator.kinds.${i.kind}`) },
    { key: 'target', label: t('indicator.target'), render: (i) => (i.target == null ? '' : displayValue(i, i.target, t)) },
    {
      key: 'rule',
      label: t('frameworks.rule'),
      render: (i) => (
        <>
          {t(`frameworks.rules.${i.rule}`)}
          {i.rule === 'threshold' && i.direction === 'lower' && ` (${t('frameworks.directions.lower')})`}
          {i.rule === 'bands' && (
            <ul className="plain">
              {i.bands.map((b) => (
                <li key={b.min_value}>{t('frameworks.bandText', { min: formatNumber(b.min_value), points: formatNumber(b.points) })}</li>
              ))}
            </ul>
          )}
          {i.kind === 'level' && (
            <ul className="plain">
              {i.levels.map((l) => (
                <li key={l.value}>
                  {l.value} – {l.label}
                </li>
              ))}
            </ul>
          )}
        </>
      ),
    },
    { key: 'points', label: t('frameworks.points'), render: (i) => formatNumber(i.max_points) },
    {
      key: 'flags',
      label: t('frameworks.flags'),
      render: (i) => (
        <>
          {i.is_gate && <span className="badge badge-warn">{t('indicator.gate')}</span>}{' '}
          {i.evidence_required && <span className="badge badge-info">{t('evidence.required')}</span>}
          {i.kind === 'computed' && <div className="muted">{t('indicator.computedHint')}: {sourceLabel(i.source)}</div>}
          {i.content_area_code && <div className="muted">{t('frameworks.contentArea')}: {i.content_area_code}</div>}
        </>
      ),
    },
  ];

  return (
    <section>
      <p>
        <Link to="/frameworks">← {t('frameworks.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {f && (
        <>
          <div className="page-head">
            <div>
              <h1>{f.name}</h1>
              <p className="muted">
                {f.code} · {t('frameworks.versionN', { n: f.version_number })} · <FrameworkStatusBadge status={f.status} />
              </p>
            </div>
            {canWrite && (
              <div className="actions">
                {f.allowed_actions.includes('update') && (
                  <Link className="button primary" to={`/frameworks/${f.id}/edit`}>
                    {t('common.edit')}
                  </Link>
                )}
                {f.allowed_actions.includes('new_version') && (
                  <button
                    type="button"
                    disabled={action.isPending}
                    onClick={() =>
                      action.mutate({ framework: f, action: 'new_version' }, { onSuccess: (n) => navigate(`/frameworks/${n.id}`) })
                    }
                  >
                    {t('frameworks.newVersion')}
                  </button>
                )}
                {f.allowed_actions.includes('activate') && (
                  <button type="button" className="primary" disabled={action.isPending} onClick={() => action.mutate({ framework: f, action: 'activate' })}>
                    {t('frameworks.activate')}
                  </button>
                )}
              </div>
            )}
          </div>
          <ErrorBanner error={action.error} />
          <dl className="details">
            <dt>{t('frameworks.subjectKind')}</dt>
            <dd>{t(`subjectKinds.${f.subject_kind}`)}</dd>
            <dt>{t('frameworks.size')}</dt>
            <dd>{t('frameworks.sizeText', { criteria: f.criteria_count, indicators: f.indicator_count, points: formatNumber(f.max_points) })}</dd>
            <dt>{t('frameworks.assessmentCount')}</dt>
            <dd>{f.assessment_count}</dd>
            <dt>{t('frameworks.classification')}</dt>
            <dd>
              <ul className="plain">
                {f.classification.map((c) => (
                  <li key={c.code}>
                    ≥ {formatNumber(c.min_percent)} %: {c.label}
                  </li>
                ))}
              </ul>
            </dd>
            {f.activated_at && (
              <>
                <dt>{t('frameworks.activatedAt')}</dt>
                <dd>{formatDateTime(f.activated_at)}</dd>
              </>
            )}
            {f.based_on_id && (
              <>
                <dt>{t('frameworks.basedOn')}</dt>
                <dd>
                  <Link to={`/frameworks/${f.based_on_id}`}>#{f.based_on_id}</Link>
                </dd>
              </>
            )}
          </dl>
          {f.criteria.map((c) => (
            <section key={c.id} className="criterion">
              <h2>
                <span className="code">{c.code}</span> {c.name}{' '}
                <span className="muted">({t('frameworks.pointsN', { n: formatNumber(c.max_points) })})</span>
              </h2>
              <DataTable columns={columns} rows={c.indicators} rowKey={(i) => i.id} className="indicator-table" />
            </section>
          ))}
          <EvaluationWindows movementId={f.movement_id} />
        </>
      )}
    </section>
  );
}

import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useAwardType, useAwardTypeAction } from './api/awards';
import { AwardTypeStatusBadge, roundKindLabel } from './badges';

export function AwardTypePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useAwardType(id);
  const action = useAwardTypeAction();
  const a = query.data;
  const canWrite = me.permissions.includes('award_types:write');

  return (
    <section>
      <p>
        <Link to="/awards/types">← {t('awards.types.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {a && (
        <>
          <div className="page-head">
            <div>
              <h1>{a.name}</h1>
              <p className="muted">
                <span className="code">{a.code}</span> · {t('awards.types.versionN', { n: a.version_number })} ·{' '}
                <AwardTypeStatusBadge status={a.status} />
              </p>
            </div>
            {canWrite && (
              <div className="actions">
                {a.allowed_actions.includes('update') && (
                  <Link className="button primary" to={`/awards/types/${a.id}/edit`}>
                    {t('common.edit')}
                  </Link>
                )}
                {a.allowed_actions.includes('new_version') && (
                  <button
                    type="button"
                    disabled={action.isPending}
                    onClick={() =>
                      action.mutate({ awardType: a, action: 'new_version' }, { onSuccess: (n) => navigate(`/awards/types/${n.id}`) })
                    }
                  >
                    {t('awards.types.newVersion')}
                  </button>
                )}
                {a.allowed_actions.includes('activate') && (
                  <button
                    type="button"
                    className="primary"
                    disabled={action.isPending}
                    onClick={() => action.mutate({ awardType: a, action: 'activate' })}
                  >
                    {t('awards.types.activate')}
                  </button>
                )}
              </div>
            )}
          </div>
          <ErrorBanner error={action.error} />
          {a.status === 'draft' && canWrite && <p className="alert alert-info">{t('awards.types.draftHint')}</p>}
          <dl className="details">
            <dt>{t('awards.types.level')}</dt>
            <dd>{a.level_label}</dd>
            <dt>{t('awards.types.authority')}</dt>
            <dd>{a.granting_authority_label}</dd>
            <dt>{t('awards.types.subjectKind')}</dt>
            <dd>{t(`awards.subjectKinds.${a.subject_kind}`)}</dd>
            <dt>{t('awards.types.roundKinds')}</dt>
            <dd>{a.round_kinds.map((k) => roundKindLabel(k, t)).join('; ')}</dd>
            <dt>{t('awards.types.kindOfAward')}</dt>
            <dd>
              {a.themed && <span className="badge badge-info">{t('awards.types.themedShort')}</span>}{' '}
              {a.merit_based && <span className="badge badge-info">{t('awards.types.meritBasedShort')}</span>}
              {!a.themed && !a.merit_based && t('common.none')}
            </dd>
            <dt>{t('awards.types.cashCoefficient')}</dt>
            <dd>{a.cash_coefficient == null ? t('awards.types.noCash') : String(a.cash_coefficient).replace('.', ',')}</dd>
            <dt>{t('awards.types.description')}</dt>
            <dd className="pre-line">{a.description || t('common.none')}</dd>
            <dt>{t('awards.types.nominationCount')}</dt>
            <dd>{a.nomination_count}</dd>
            {a.based_on_id && (
              <>
                <dt>{t('awards.types.basedOn')}</dt>
                <dd>
                  <Link to={`/awards/types/${a.based_on_id}`}>#{a.based_on_id}</Link>
                </dd>
              </>
            )}
            <dt>{t('fields.updatedAt')}</dt>
            <dd>{formatDateTime(a.updated_at)}</dd>
          </dl>
          <h2>{t('awards.types.rules')}</h2>
          {a.rule_texts.length === 0 ? (
            <p className="muted">{t('awards.types.noRules')}</p>
          ) : (
            <ol className="rule-texts" aria-label={t('awards.types.rules')}>
              {a.rule_texts.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { StatusBadge } from '../../components/StatusBadge';
import { ActionButtons } from '../../components/ActionButtons';
import { useUnit, useUnitAction } from './api/units';
import { ResearchSupportSummary } from './ResearchSupportSummary';

export function UnitDetailPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const query = useUnit(id);
  const action = useUnitAction();
  const u = query.data;

  return (
    <section>
      <p>
        <Link to="/units">← {t('units.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {u && (
        <>
          <div className="page-head">
            <h1>{u.name}</h1>
            <ActionButtons
              allowed={u.allowed_actions}
              editTo={`/units/${u.id}/edit`}
              canWrite={me.permissions.includes('units:write')}
              busy={action.isPending}
              onAction={(a) => action.mutate({ unit: u, action: a })}
            />
          </div>
          <ErrorBanner error={action.error} />
          <dl className="details">
            <dt>{t('fields.code')}</dt>
            <dd>{u.code}</dd>
            <dt>{t('fields.kind')}</dt>
            <dd>{t(`unitKinds.${u.kind}`)}</dd>
            <dt>{t('fields.schoolLevel')}</dt>
            <dd>{u.school_level ? t(`schoolLevels.${u.school_level}`) : t('common.none')}</dd>
            <dt>{t('fields.parent')}</dt>
            <dd>{u.parent_id ? <Link to={`/units/${u.parent_id}`}>{u.parent_name ?? u.parent_id}</Link> : t('common.none')}</dd>
            <dt>{t('fields.address')}</dt>
            <dd>{u.address || t('common.none')}</dd>
            <dt>{t('fields.status')}</dt>
            <dd>
              <StatusBadge active={u.is_active} />
            </dd>
            <dt>{t('fields.updatedAt')}</dt>
            <dd>{formatDateTime(u.updated_at)}</dd>
          </dl>
          {me.permissions.includes('staff:read') && (
            <p>
              <Link to={`/staff?unit_id=${u.id}`}>{t('units.viewStaff')}</Link>
            </p>
          )}
          {u.kind === 'school' && me.permissions.includes('research_support:read') && <ResearchSupportSummary unitId={u.id} />}
        </>
      )}
    </section>
  );
}

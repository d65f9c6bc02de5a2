import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { StatusBadge } from '../../components/StatusBadge';
import { ActionButtons } from '../../components/ActionButtons';
import { useStaff, useStaffAction } from './api/staff';
import { HeadSchoolResults } from './HeadSchoolResults';

export function StaffDetailPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const query = useStaff(id);
  const action = useStaffAction();
  const s = query.data;

  return (
    <section>
      <p>
        <Link to="/staff">← {t('staff.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {s && (
        <>
          <div className="page-head">
            <h1>{s.full_name}</h1>
            <ActionButtons
              allowed={s.allowed_actions}
              editTo={`/staff/${s.id}/edit`}
              canWrite={me.permissions.includes('staff:write')}
              busy={action.isPending}
              onAction={(a) => action.mutate({ staff: s, action: a })}
            />
          </div>
          <ErrorBanner error={action.error} />
          <dl className="details">
            <dt>{t('fields.code')}</dt>
            <dd>{s.code}</dd>
            <dt>{t('fields.position')}</dt>
            <dd>{s.position}</dd>
            <dt>{t('fields.unit')}</dt>
            <dd>
              {me.permissions.includes('units:read') ? (
                <Link to={`/units/${s.unit_id}`}>{s.unit_name ?? s.unit_id}</Link>
              ) : (
                s.unit_name
              )}
            </dd>
            <dt>{t('fields.email')}</dt>
            <dd>{s.email || t('common.none')}</dd>
            <dt>{t('fields.phone')}</dt>
            <dd>{s.phone || t('common.none')}</dd>
            <dt>{t('fields.status')}</dt>
            <dd>
              <StatusBadge active={s.is_active} />
            </dd>
            <dt>{t('fields.updatedAt')}</dt>
            <dd>{formatDateTime(s.updated_at)}</dd>
          </dl>
          <HeadSchoolResults staffId={s.id} />
        </>
      )}
    </section>
  );
}

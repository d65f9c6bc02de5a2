import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { formatDate, formatDateTime } from '../../lib/format';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { DataTable } from '../../components/DataTable';
import { useActivity, useDeleteActivity } from './api/activities';
import { ConfirmDelete } from '../../components/ConfirmDelete';

export function ActivityDetailPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useActivity(id);
  const remove = useDeleteActivity();
  const [confirming, setConfirming] = useState(false);
  const a = query.data;
  const canWrite = me.permissions.includes('activities:write');

  return (
    <section>
      <p>
        <Link to="/activities">← {t('activities.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {a && (
        <>
          <div className="page-head">
            <div>
              <h1>{a.title}</h1>
              <p className="muted">
                {t(`activities.kinds.${a.kind}`, { defaultValue: a.kind_label })} · {a.unit_name}
              </p>
            </div>
            {canWrite && (
              <div className="actions">
                {a.allowed_actions.includes('update') && (
                  <Link className="button primary" to={`/activities/${a.id}/edit`}>
                    {t('common.edit')}
                  </Link>
                )}
                {a.allowed_actions.includes('delete') && !confirming && (
                  <button type="button" className="danger" onClick={() => setConfirming(true)}>
                    {t('common.delete')}
                  </button>
                )}
              </div>
            )}
          </div>
          {confirming && (
            <ConfirmDelete
              question={t('activities.deleteConfirm', { title: a.title })}
              yes={t('activities.deleteYes')}
              busy={remove.isPending}
              onYes={() =>
                remove.mutate(a, {
                  onSuccess: () => navigate('/activities', { replace: true }),
                  onError: (e) => {
                    if (isConflict(e)) setConfirming(false);
                  },
                })
              }
              onCancel={() => setConfirming(false)}
            />
          )}
          <ErrorBanner error={remove.error} />
          <p className="muted">{t('activities.feedsHint')}</p>
          <dl className="details">
            <dt>{t('activities.kind')}</dt>
            <dd>{t(`activities.kinds.${a.kind}`, { defaultValue: a.kind_label })}</dd>
            <dt>{t('activities.date')}</dt>
            <dd>{formatDate(a.activity_date)}</dd>
            <dt>{t('fields.schoolYear')}</dt>
            <dd>{a.school_year}</dd>
            <dt>{t('activities.school')}</dt>
            <dd>{a.unit_name}</dd>
            {a.partner_unit_name && (
              <>
                <dt>{t('communications.studyVisit.partner')}</dt>
                <dd>{a.partner_unit_name}</dd>
              </>
            )}
            <dt>{t('activities.description')}</dt>
            <dd>{a.description || t('common.none')}</dd>
            <dt>{t('activities.learnerCount')}</dt>
            <dd>{a.learner_count}</dd>
            <dt>{t('activities.evidenceLinks')}</dt>
            <dd>
              {a.evidence_links.length === 0 ? (
                t('common.none')
              ) : (
                <ul>
                  {a.evidence_links.map((l) => (
                    <li key={l.url}>
                      <a href={l.url} target="_blank" rel="noopener noreferrer">
                        {l.title || l.url}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>{t('fields.updatedAt')}</dt>
            <dd>{formatDateTime(a.updated_at)}</dd>
          </dl>
          <h2>
            {t('activities.attendees')} ({a.attendees.length})
          </h2>
          <DataTable
            rows={a.attendees}
            rowKey={(x) => x.staff_id}
            columns={[
              { key: 'code', label: t('fields.code'), render: (x) => x.staff_code },
              { key: 'name', label: t('fields.fullName'), render: (x) => x.full_name },
              ...(a.kind === 'training'
                ? [
                    {
                      key: 'completed',
                      label: t('activities.completed'),
                      render: (x: (typeof a.attendees)[number]) => (x.completed ? t('common.yes') : t('common.no')),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </section>
  );
}

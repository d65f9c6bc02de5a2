import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useDeleteStory, useStory, useStoryAction } from './api/stories';
import { ImagesPanel } from './ImagesPanel';
import { StoryBody } from '../../components/StoryBody';
import { StoryStatusBadge } from './StoryStatusBadge';
import './stories.css';
import { ConfirmDelete } from '../../components/ConfirmDelete';

export function StoryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useStory(id);
  const s = query.data;
  const action = useStoryAction();
  const remove = useDeleteStory();
  const [confirming, setConfirming] = useState(false);
  const allowed = s?.allowed_actions ?? [];

  return (
    <section>
      <p>
        <Link to="/stories">← {t('stories.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {s && (
        <>
          <div className="page-head">
            <div>
              <h1>{s.title}</h1>
              <p className="muted">
                <StoryStatusBadge status={s.status} /> {t('stories.byAuthor', { name: s.author_name })}
                {s.published_at && ` · ${t('stories.publishedOn', { date: formatDateTime(s.published_at) })}`}
              </p>
            </div>
            <div className="actions">
              {allowed.includes('update') && (
                <Link className="button" to={`/stories/${s.id}/edit`}>
                  {t('common.edit')}
                </Link>
              )}
              {allowed.includes('publish') && (
                <button
                  type="button"
                  className="primary"
                  disabled={action.isPending}
                  onClick={() => action.mutate({ story: s, action: 'publish' })}
                >
                  {t('stories.publish')}
                </button>
              )}
              {allowed.includes('unpublish') && (
                <button type="button" disabled={action.isPending} onClick={() => action.mutate({ story: s, action: 'unpublish' })}>
                  {t('stories.unpublish')}
                </button>
              )}
              {allowed.includes('delete') && !confirming && (
                <button type="button" className="danger" onClick={() => setConfirming(true)}>
                  {t('common.delete')}
                </button>
              )}
            </div>
          </div>
          <ErrorBanner error={action.error} />
          {s.status === 'published' && (
            <p className="alert alert-ok">
              {t('stories.isPublic')} <Link to={`/guong-dien-hinh/${s.id}`}>{t('stories.openPublic')}</Link>
            </p>
          )}
          {confirming && (
            <ConfirmDelete
              question={t('stories.deleteConfirm', { title: s.title })}
              yes={t('stories.deleteYes')}
              busy={remove.isPending}
              onYes={() =>
                remove.mutate(s, {
                  onSuccess: () => navigate('/stories', { replace: true }),
                  onError: (e) => {
                    if (isConflict(e)) setConfirming(false);
                  },
                })
              }
              onCancel={() => setConfirming(false)}
            />
          )}
          <ErrorBanner error={remove.error} />

          <dl className="details">
            <dt>{t('stories.summary')}</dt>
            <dd>{s.summary || t('common.none')}</dd>
            <dt>{t('stories.units')}</dt>
            <dd>{s.units.length ? s.units.map((u) => u.name).join('; ') : t('common.none')}</dd>
            <dt>{t('stories.achievements')}</dt>
            <dd>
              {s.achievements.length === 0 ? (
                t('common.none')
              ) : (
                <ul>
                  {s.achievements.map((a) => (
                    <li key={a.id}>
                      {a.recipient_name} — {a.award_name} ({a.school_year})
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>{t('fields.updatedAt')}</dt>
            <dd>{formatDateTime(s.updated_at)}</dd>
          </dl>

          <ImagesPanel story={s} />

          <h2>{t('stories.body')}</h2>
          <div className="story-preview">
            <StoryBody body={s.body} />
          </div>
        </>
      )}
    </section>
  );
}

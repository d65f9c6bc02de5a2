import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { Pagination } from '../../components/Pagination';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { StoryBody } from '../../components/StoryBody';
import { usePublicStories, usePublicStory } from './api/public';
import { formatDate } from './format';
import { usePublicCommune } from './commune';

/** Gương điển hình tiên tiến: the published stories, newest first. */
export function PublicStoriesPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const query = usePublicStories(p.offset, p.limit, usePublicCommune());
  return (
    <section>
      <h1>{t('honour.storiesTitle')}</h1>
      <p className="muted">{t('honour.storiesIntro')}</p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {query.data &&
        (query.data.items.length === 0 ? (
          <p className="muted">{t('honour.storiesEmpty')}</p>
        ) : (
          <>
            <ul className="story-cards" aria-label={t('honour.storiesTitle')}>
              {query.data.items.map((s) => (
                <li key={s.id}>
                  <article className="story-card">
                    {s.image_url && <img src={s.image_url} alt="" loading="lazy" />}
                    <div className="story-card-body">
                      <h2>
                        <Link to={`/guong-dien-hinh/${s.id}`}>{s.title}</Link>
                      </h2>
                      <p className="muted">{t('honour.publishedOn', { date: formatDateTime(s.published_at) })}</p>
                      {s.summary && <p>{s.summary}</p>}
                    </div>
                  </article>
                </li>
              ))}
            </ul>
            <Pagination offset={p.offset} limit={p.limit} total={query.data.total} onChange={p.setOffset} />
          </>
        ))}
    </section>
  );
}

/** One published story: title, summary, images, the body as text paragraphs, featured units and awardees. */
export function PublicStoryPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = usePublicStory(id);
  const s = query.data;
  return (
    <section>
      <p>
        <Link to="/guong-dien-hinh">← {t('honour.storiesTitle')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {s && (
        <article className="story-article">
          <h1>{s.title}</h1>
          <p className="muted">{t('honour.publishedOn', { date: formatDateTime(s.published_at) })}</p>
          {s.summary && <p className="story-lead">{s.summary}</p>}
          {s.images.map((img, n) => (
            <figure key={img.url}>
              <img src={img.url} alt={img.caption || t('honour.imageOf', { n: n + 1, title: s.title })} />
              {img.caption && <figcaption>{img.caption}</figcaption>}
            </figure>
          ))}
          <StoryBody body={s.body} />
          {s.units.length > 0 && (
            <>
              <h2>{t('honour.featuredUnits')}</h2>
              <ul>
                {s.units.map((u) => (
                  <li key={u.name}>{u.name}</li>
                ))}
              </ul>
            </>
          )}
          {s.achievements.length > 0 && (
            <>
              <h2>{t('honour.featuredAwardees')}</h2>
              <ul>
                {s.achievements.map((a) => (
                  <li key={`${a.decision_number}|${a.recipient_name}|${a.award_name}`}>
                    <strong>{a.recipient_name}</strong>
                    {a.recipient_name !== a.unit_name && ` (${a.unit_name})`} — {a.award_name}, {t('honour.schoolYearN', { year: a.school_year })}.{' '}
                    <span className="muted">{t('honour.decisionText', { number: a.decision_number, date: formatDate(a.decision_date) })}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      )}
    </section>
  );
}

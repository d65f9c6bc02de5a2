import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SearchFilter, SelectFilter } from '../../components/ListFilters';
import { useStories } from './api/stories';
import { StoryStatusBadge } from './StoryStatusBadge';
import { STORY_STATUSES, type Story, type StoryStatus } from './types';

export function StoriesListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const query = useStories({
    status: STORY_STATUSES.find((s): s is StoryStatus => s === p.get('status')),
    q: p.get('q').trim() || undefined,
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<Story>[] = [
    { key: 'title', label: t('stories.titleField'), render: (s) => <Link to={`/stories/${s.id}`}>{s.title}</Link> },
    { key: 'status', label: t('stories.status'), render: (s) => <StoryStatusBadge status={s.status} /> },
    { key: 'published', label: t('stories.publishedAt'), render: (s) => formatDateTime(s.published_at) || '—' },
    { key: 'author', label: t('stories.author'), render: (s) => s.author_name },
    { key: 'images', label: t('stories.images'), className: 'col-num', render: (s) => s.images.length },
    { key: 'updated', label: t('fields.updatedAt'), render: (s) => formatDateTime(s.updated_at) },
  ];

  return (
    <ListPage
      title={t('stories.title')}
      action={
        <div className="actions">
          {me.permissions.includes('results:publish') && (
            <Link className="button" to="/stories/publications">
              {t('stories.publications.title')}
            </Link>
          )}
          {me.permissions.includes('stories:write') && (
            <Link className="button primary" to="/stories/new">
              {t('stories.create')}
            </Link>
          )}
        </div>
      }
      filters={
        <>
          <SearchFilter p={p} />
          <SelectFilter
            p={p}
            name="status"
            label={t('stories.status')}
            options={STORY_STATUSES.map((s) => ({ value: s, label: t(`stories.statuses.${s}`) }))}
          />
        </>
      }
    >
      <p className="muted">
        {t('stories.hint')} <Link to="/guong-dien-hinh">{t('stories.viewPublic')}</Link>
      </p>
      <PagedTable
        query={query}
        columns={columns}
        rowKey={(s) => s.id}
        offset={p.offset}
        limit={p.limit}
        onOffset={p.setOffset}
        empty={{
          message: t('demo.empty.stories'),
          action: me.permissions.includes('stories:write') ? (
            <Link className="button primary" to="/stories/new">
              {t('stories.create')}
            </Link>
          ) : undefined,
        }}
      />
    </ListPage>
  );
}

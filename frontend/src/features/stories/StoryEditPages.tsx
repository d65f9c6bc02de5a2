import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { changed } from '../../lib/form';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useCreateStory, useStory, useUpdateStory } from './api/stories';
import { StoryForm } from './StoryForm';

export function StoryCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateStory();
  return (
    <section>
      <p>
        <Link to="/stories">← {t('stories.title')}</Link>
      </p>
      <h1>{t('stories.create')}</h1>
      <StoryForm
        error={create.error}
        busy={create.isPending}
        submitLabel={t('stories.saveDraft')}
        onSubmit={(values) => create.mutate(values, { onSuccess: (s) => navigate(`/stories/${s.id}`) })}
      />
    </section>
  );
}

export function StoryEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useStory(id);
  const story = query.data;
  const update = useUpdateStory(story);

  return (
    <section>
      <p>
        <Link to={`/stories/${id}`}>← {story?.title ?? t('stories.title')}</Link>
      </p>
      <h1>{t('stories.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(update.error) && <ErrorBanner error={update.error} />}
      {story && !story.allowed_actions.includes('update') && <p className="alert alert-info">{t('errors.forbidden')}</p>}
      {story?.allowed_actions.includes('update') && (
        <StoryForm
          key={story.version}
          initial={story}
          error={isConflict(update.error) ? null : update.error}
          busy={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={(values) => {
            const body = changed(story, values);
            if (Object.keys(body).length === 0) return navigate(`/stories/${id}`);
            update.mutate(body, { onSuccess: () => navigate(`/stories/${id}`) });
          }}
        />
      )}
    </section>
  );
}

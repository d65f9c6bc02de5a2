import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { changed } from '../../lib/form';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useCreateInitiative, useInitiative, useUpdateInitiative } from './api/initiatives';
import { authorsPayload, fromAuthors } from './authors';
import { InitiativeForm } from './InitiativeForm';

export function InitiativeCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateInitiative();
  return (
    <section>
      <p>
        <Link to="/initiatives">← {t('initiatives.title')}</Link>
      </p>
      <h1>{t('initiatives.create')}</h1>
      <InitiativeForm
        error={create.error}
        busy={create.isPending}
        submitLabel={t('common.create')}
        onSubmit={(values) => create.mutate(values, { onSuccess: (i) => navigate(`/initiatives/${i.id}`) })}
      />
    </section>
  );
}

export function InitiativeEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useInitiative(id);
  const initiative = query.data;
  const update = useUpdateInitiative(initiative);

  return (
    <section>
      <p>
        <Link to={`/initiatives/${id}`}>← {initiative?.title ?? t('initiatives.title')}</Link>
      </p>
      <h1>{t('initiatives.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(update.error) && <ErrorBanner error={update.error} />}
      {initiative && !initiative.allowed_actions.includes('update') && (
        <p className="alert alert-info">{t('initiatives.notEditable')}</p>
      )}
      {initiative?.allowed_actions.includes('update') && (
        <InitiativeForm
          key={initiative.version}
          initial={initiative}
          error={isConflict(update.error) ? null : update.error}
          busy={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={({ unit_id: _unit, ...values }) => {
            const before = {
              ...initiative,
              authors: authorsPayload(fromAuthors(initiative.authors)),
              evidence_links: initiative.evidence_links.map((l) => ({ url: l.url, title: l.title ?? '' })),
            };
            const body = changed(before, values);
            if (Object.keys(body).length === 0) return navigate(`/initiatives/${id}`);
            update.mutate(body, { onSuccess: () => navigate(`/initiatives/${id}`) });
          }}
        />
      )}
    </section>
  );
}

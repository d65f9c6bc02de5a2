import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { changed } from '../../lib/form';
import { formatDate, formatDateTime } from '../../lib/format';
import { isConflict } from '../../lib/errors';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { DataTable } from '../../components/DataTable';
import { useAwardRound, useCreateAwardRound, useUpdateAwardRound } from './api/awards';
import { OpenBadge } from './badges';
import { NominationCounts } from './NominationCounts';
import { RoundForm } from './RoundForm';

export function RoundCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateAwardRound();
  return (
    <section>
      <p>
        <Link to="/awards/rounds">← {t('awards.rounds.title')}</Link>
      </p>
      <h1>{t('awards.rounds.create')}</h1>
      <RoundForm
        error={create.error}
        busy={create.isPending}
        submitLabel={t('awards.rounds.createButton')}
        onSubmit={(values) => create.mutate(values, { onSuccess: (r) => navigate(`/awards/rounds/${r.id}`) })}
      />
    </section>
  );
}

/** A round: its dates, award types and nominations; the commune officer edits dates and award types here. */
export function RoundPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const query = useAwardRound(id);
  const r = query.data;
  const update = useUpdateAwardRound(r);
  const [editing, setEditing] = useState(false);
  const canWrite = me.permissions.includes('award_rounds:write');

  return (
    <section>
      <p>
        <Link to="/awards/rounds">← {t('awards.rounds.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {r && (
        <>
          <div className="page-head">
            <div>
              <h1>{r.name}</h1>
              <p className="muted">
                {r.kind_label} · <OpenBadge open={r.is_open} />
              </p>
            </div>
            <div className="actions">
              {me.permissions.includes('council:read') && (
                <Link className="button" to={`/awards/council?round_id=${r.id}`}>
                  {t('awards.council.title')}
                </Link>
              )}
              {me.permissions.includes('decisions:read') && (
                <Link className="button" to={`/awards/decisions?round_id=${r.id}`}>
                  {t('awards.decisions.title')}
                </Link>
              )}
              {canWrite && r.allowed_actions.includes('update') && !editing && (
                <button type="button" className="primary" onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </button>
              )}
            </div>
          </div>
          {editing ? (
            <>
              <h2>{t('awards.rounds.edit')}</h2>
              {isConflict(update.error) && <ErrorBanner error={update.error} />}
              <RoundForm
                key={r.version}
                initial={r}
                error={isConflict(update.error) ? null : update.error}
                busy={update.isPending}
                submitLabel={t('awards.save')}
                onSubmit={(values) => {
                  const before = {
                    name: r.name,
                    opens_on: r.opens_on,
                    closes_on: r.closes_on,
                    award_type_codes: r.award_types.map((a) => a.code),
                    reason: r.reason ?? null,
                  };
                  const after = {
                    name: values.name ?? r.name,
                    opens_on: values.opens_on,
                    closes_on: values.closes_on,
                    award_type_codes: values.award_type_codes,
                    reason: values.reason ?? null,
                  };
                  const body = changed(before, after);
                  if (Object.keys(body).length === 0) setEditing(false);
                  else update.mutate(body, { onSuccess: () => setEditing(false) });
                }}
              />
              <p>
                <button type="button" onClick={() => setEditing(false)}>
                  {t('common.cancel')}
                </button>
              </p>
            </>
          ) : (
            <>
              <dl className="details">
                <dt>{t('awards.rounds.kind')}</dt>
                <dd>{r.kind_label}</dd>
                <dt>{t('awards.rounds.schoolYears')}</dt>
                <dd>{r.school_years.join(', ')}</dd>
                {r.reason && (
                  <>
                    <dt>{t('awardFlows.reason')}</dt>
                    <dd className="pre-line">{r.reason}</dd>
                  </>
                )}
                <dt>{t('awards.rounds.opensOn')}</dt>
                <dd>{formatDate(r.opens_on)}</dd>
                <dt>{t('awards.rounds.closesOn')}</dt>
                <dd>{formatDate(r.closes_on)}</dd>
                <dt>{t('awards.rounds.nominations')}</dt>
                <dd>
                  <NominationCounts counts={r.nomination_counts} />
                </dd>
                <dt>{t('fields.updatedAt')}</dt>
                <dd>{formatDateTime(r.updated_at)}</dd>
              </dl>
              <h2>{t('awards.rounds.awardTypes')}</h2>
              <DataTable
                rows={r.award_types}
                rowKey={(a) => a.code}
                columns={[
                  { key: 'code', label: t('fields.code'), render: (a) => <span className="code">{a.code}</span> },
                  {
                    key: 'name',
                    label: t('awards.types.name'),
                    render: (a) => (a.award_type_id ? <Link to={`/awards/types/${a.award_type_id}`}>{a.name}</Link> : a.name),
                  },
                  { key: 'level', label: t('awards.types.level'), render: (a) => (a.level ? t(`awards.levels.${a.level}`) : '') },
                  { key: 'subject', label: t('awards.types.subjectKind'), render: (a) => (a.subject_kind ? t(`awards.subjectKinds.${a.subject_kind}`) : '') },
                ]}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

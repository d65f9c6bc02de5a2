import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { DataTable } from '../../components/DataTable';
import { Pagination } from '../../components/Pagination';
import { SelectField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useFrameworkOptions, useMovements } from '../../lib/queries/frameworks';
import { schoolYearOf } from '../../lib/schoolYear';
import { usePublications, usePublishResults, useWithdrawPublication } from './api/stories';
import type { Publication } from './types';
import './stories.css';

/** Công khai kết quả đánh giá: publish a school framework's verified results for a school year; withdraw. */
export function PublicationsPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const list = usePublications(p.offset, p.limit);
  const frameworks = useFrameworkOptions({ subject_kind: 'unit' });
  const movements = useMovements();
  const publish = usePublishResults();
  const withdraw = useWithdrawPublication();
  const years = movements.data?.[0]?.school_years ?? [];
  const [framework, setFramework] = useState('');
  const [year, setYear] = useState(() => schoolYearOf(new Date().toISOString().slice(0, 10)) ?? '');
  const [confirming, setConfirming] = useState<Publication | null>(null);
  const [done, setDone] = useState<Publication | null>(null);
  const errors = publish.error instanceof ApiError ? fieldErrors(publish.error.problem) : {};
  const frameworkOptions = (frameworks.data ?? [])
    .filter((f) => f.status !== 'draft')
    .map((f) => ({ value: String(f.id), label: `${f.name} (${t('frameworks.versionN', { n: f.version_number })})` }));
  const yearOptions = (years.includes(year) || !year ? years : [...years, year]).map((y) => ({ value: y, label: y }));

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    publish.mutate({ framework_id: Number(framework), school_year: year }, { onSuccess: (pub) => setDone(pub) });
  }

  return (
    <section>
      <p>
        <Link to="/stories">← {t('stories.title')}</Link>
      </p>
      <h1>{t('stories.publications.title')}</h1>
      <p className="muted">{t('stories.publications.hint')}</p>

      <form className="form publish-form" onSubmit={submit} noValidate aria-labelledby="publish-title">
        <h2 id="publish-title">{t('stories.publications.publishTitle')}</h2>
        <ErrorBanner error={publish.error} fields={['framework_id', 'school_year']} />
        <SelectField
          id="framework_id"
          label={t('stories.publications.framework')}
          value={framework}
          onChange={setFramework}
          empty={t('common.choose')}
          options={frameworkOptions}
          error={errors.framework_id}
          required
        />
        <SelectField
          id="school_year"
          label={t('fields.schoolYear')}
          value={year}
          onChange={setYear}
          empty={t('common.choose')}
          options={yearOptions}
          error={errors.school_year}
          required
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={publish.isPending || !framework || !year}>
            {t('stories.publications.publish')}
          </button>
        </div>
      </form>
      {done && (
        <p className="alert alert-ok" role="status">
          {t('stories.publications.published', { name: done.framework_name, year: done.school_year, n: done.verified_count })}{' '}
          <Link to={`/ket-qua/${done.id}`}>{t('stories.publications.openPublic')}</Link>
        </p>
      )}

      <h2>{t('stories.publications.listTitle')}</h2>
      {confirming && (
        <div className="alert alert-error" role="alertdialog" aria-labelledby="withdraw-question">
          <p id="withdraw-question">
            {t('stories.publications.withdrawConfirm', { name: confirming.framework_name, year: confirming.school_year })}
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={withdraw.isPending}
              onClick={() => withdraw.mutate(confirming.id, { onSuccess: () => setConfirming(null) })}
            >
              {t('stories.publications.withdrawYes')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorBanner error={withdraw.error ?? list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        <>
          <DataTable
            rows={list.data.items}
            rowKey={(x) => x.id}
            empty={{ message: t('demo.empty.publications') }}
            columns={[
              {
                key: 'framework',
                label: t('stories.publications.framework'),
                render: (x) => `${x.framework_name} (${t('frameworks.versionN', { n: x.framework_version })})`,
              },
              { key: 'year', label: t('fields.schoolYear'), render: (x) => x.school_year },
              { key: 'count', label: t('stories.publications.verifiedCount'), className: 'col-num', render: (x) => x.verified_count },
              { key: 'at', label: t('stories.publications.publishedAt'), render: (x) => formatDateTime(x.published_at) },
              { key: 'by', label: t('stories.publications.publishedBy'), render: (x) => x.published_by_name },
              {
                key: 'actions',
                label: t('stories.publications.actions'),
                render: (x) => (
                  <div className="actions">
                    <Link to={`/ket-qua/${x.id}`}>{t('stories.publications.openPublic')}</Link>
                    {x.allowed_actions.includes('withdraw') && (
                      <button
                        type="button"
                        className="danger small"
                        aria-label={t('stories.publications.withdrawOf', { name: x.framework_name, year: x.school_year })}
                        onClick={() => {
                          withdraw.reset();
                          setConfirming(x);
                        }}
                      >
                        {t('stories.publications.withdraw')}
                      </button>
                    )}
                  </div>
                ),
              },
            ]}
          />
          <Pagination offset={p.offset} limit={p.limit} total={list.data.total} onChange={p.setOffset} />
        </>
      ) : null}
    </section>
  );
}

import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../lib/format';
import { isConflict } from '../../lib/errors';
import { formatNumber } from '../../lib/indicators';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { DataTable } from '../../components/DataTable';
import { useDeleteInitiative, useInitiative, useRecognise, useWithdrawRecognition } from './api/initiatives';
import { RecognitionBadges } from './badges';
import { RecognitionForm } from './RecognitionForm';
import './initiatives.css';

type Confirming = null | 'delete' | 'withdraw';

export function InitiativeDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useInitiative(id);
  const i = query.data;
  const remove = useDeleteInitiative();
  const recognise = useRecognise(i);
  const withdraw = useWithdrawRecognition(i);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [recognising, setRecognising] = useState(false);
  const allowed = i?.allowed_actions ?? [];

  return (
    <section>
      <p>
        <Link to="/initiatives">← {t('initiatives.title')}</Link>
      </p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {i && (
        <>
          <div className="page-head">
            <div>
              <h1>{i.title}</h1>
              <p className="muted">
                {t(`initiatives.kinds.${i.kind}`, { defaultValue: i.kind_label })} · {i.unit_name} · {i.school_year}
              </p>
              <p>
                <RecognitionBadges initiative={i} />
              </p>
            </div>
            <div className="actions">
              {allowed.includes('update') && (
                <Link className="button primary" to={`/initiatives/${i.id}/edit`}>
                  {t('common.edit')}
                </Link>
              )}
              {allowed.includes('recognise') && !recognising && (
                <button type="button" onClick={() => setRecognising(true)}>
                  {i.recognised ? t('initiatives.changeRecognition') : t('initiatives.recognise')}
                </button>
              )}
              {allowed.includes('withdraw_recognition') && !confirming && (
                <button type="button" className="danger" onClick={() => setConfirming('withdraw')}>
                  {t('initiatives.withdraw')}
                </button>
              )}
              {allowed.includes('delete') && !confirming && (
                <button type="button" className="danger" onClick={() => setConfirming('delete')}>
                  {t('common.delete')}
                </button>
              )}
            </div>
          </div>
          {i.used && <p className="alert alert-info">{t('initiatives.usedHint')}</p>}

          {confirming && (
            <div className="alert alert-error" role="alertdialog" aria-labelledby="confirm-question">
              <p id="confirm-question">
                {confirming === 'delete'
                  ? t('initiatives.deleteConfirm', { title: i.title })
                  : t('initiatives.withdrawConfirm', { title: i.title })}
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="danger"
                  disabled={remove.isPending || withdraw.isPending}
                  onClick={() =>
                    confirming === 'delete'
                      ? remove.mutate(i, {
                          onSuccess: () => navigate('/initiatives', { replace: true }),
                          onError: (e) => {
                            if (isConflict(e)) setConfirming(null);
                          },
                        })
                      : withdraw.mutate(undefined, { onSettled: () => setConfirming(null) })
                  }
                >
                  {confirming === 'delete' ? t('initiatives.deleteYes') : t('initiatives.withdrawYes')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          )}
          <ErrorBanner error={remove.error ?? withdraw.error} />

          {recognising && (
            <RecognitionForm
              key={i.version}
              initiative={i}
              error={recognise.error}
              busy={recognise.isPending}
              onCancel={() => {
                setRecognising(false);
                recognise.reset();
              }}
              onSubmit={(body) => recognise.mutate(body, { onSuccess: () => setRecognising(false) })}
            />
          )}

          <dl className="details">
            <dt>{t('initiatives.kind')}</dt>
            <dd>{t(`initiatives.kinds.${i.kind}`, { defaultValue: i.kind_label })}</dd>
            <dt>{t('fields.schoolYear')}</dt>
            <dd>{i.school_year}</dd>
            <dt>{t('fields.unit')}</dt>
            <dd>{i.unit_name}</dd>
            <dt>{t('initiatives.summary')}</dt>
            <dd className="pre-line">{i.summary || t('common.none')}</dd>
            <dt>{t('initiatives.evidenceLinks')}</dt>
            <dd>
              {i.evidence_links.length === 0 ? (
                t('common.none')
              ) : (
                <ul>
                  {i.evidence_links.map((l) => (
                    <li key={l.url}>
                      <a href={l.url} target="_blank" rel="noopener noreferrer">
                        {l.title || l.url}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>{t('initiatives.used')}</dt>
            <dd>{i.used ? t('common.yes') : t('common.no')}</dd>
            <dt>{t('fields.updatedAt')}</dt>
            <dd>{formatDateTime(i.updated_at)}</dd>
          </dl>

          <h2>{t('initiatives.recognition')}</h2>
          {i.recognised ? (
            <dl className="details">
              <dt>{t('initiatives.level')}</dt>
              <dd>{i.recognition_level ? t(`initiatives.levels.${i.recognition_level}`) : i.recognition_level_label}</dd>
              <dt>{t('initiatives.decisionNumber')}</dt>
              <dd>{i.recognition_decision}</dd>
              <dt>{t('initiatives.decisionDate')}</dt>
              <dd>{formatDate(i.recognition_date)}</dd>
              <dt>{t('initiatives.recognisedBy')}</dt>
              <dd>{i.recognised_by}</dd>
            </dl>
          ) : (
            <p className="muted">{t('initiatives.notRecognised')}</p>
          )}

          <h2>
            {t('initiatives.authors')} ({i.authors.length})
          </h2>
          <DataTable
            rows={i.authors}
            rowKey={(a) => a.staff_id}
            columns={[
              { key: 'code', label: t('fields.code'), render: (a) => a.staff_code },
              { key: 'name', label: t('fields.fullName'), render: (a) => a.full_name },
              { key: 'share', label: t('initiatives.share'), className: 'col-num', render: (a) => `${formatNumber(a.share_percent)} %` },
            ]}
          />
        </>
      )}
    </section>
  );
}

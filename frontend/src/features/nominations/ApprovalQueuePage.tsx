import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { useNominations } from './api/nominations';
import { NominationStatusBadge } from './NominationStatusBadge';
import { summarise, voteText } from './nomination';
import type { Nomination } from './types';
import './nominations.css';

/** What the server says this user may do next with the nomination (from allowed_actions). */
function todo(n: Nomination, t: (key: string) => string): string {
  const out: string[] = [];
  if (n.allowed_actions.includes('review')) out.push(t('nominations.recordReview'));
  if (n.allowed_actions.includes('approve')) out.push(t('nominations.approve'));
  if (n.allowed_actions.includes('reject')) out.push(t('nominations.reject'));
  return out.join(' / ');
}

/** "Hàng chờ phê duyệt": the nominations waiting for the signed-in user (GET /nominations?awaiting_me=true). */
export function ApprovalQueuePage() {
  const { t, i18n } = useTranslation();
  const p = useListParams();
  const query = useNominations({ awaiting_me: true, limit: p.limit, offset: p.offset });

  const columns: Column<Nomination>[] = [
    {
      key: 'subject',
      label: t('nominations.subject'),
      render: (n) => (
        <span>
          <strong>{n.subject_name}</strong>
          {n.subject_kind === 'individual' && <span className="muted"> · {n.unit_name}</span>}
        </span>
      ),
    },
    {
      key: 'award',
      label: t('nominations.award'),
      render: (n) => (
        <span>
          {n.award_name} <span className="muted">({t(`nominations.levels.${n.level}`)})</span>
        </span>
      ),
    },
    { key: 'status', label: t('nominations.status'), render: (n) => <NominationStatusBadge status={n.status} label={n.status_label} /> },
    {
      key: 'eligibility',
      label: t('nominations.eligibilitySummary'),
      render: (n) => {
        const s = summarise(n.eligibility);
        return s.eligible ? (
          <span className="eligible-yes">✓ {t('nominations.eligible')}</span>
        ) : (
          <span className="eligible-no">✗ {t('nominations.failedCount', { count: s.failed })}</span>
        );
      },
    },
    {
      key: 'votes',
      label: t('nominations.voteShare'),
      className: 'col-num',
      render: (n) => voteText(n, i18n.language !== 'en') ?? t('nominations.notReviewedShort'),
    },
    {
      key: 'open',
      label: t('nominations.todo'),
      render: (n) => (
        <div className="actions">
          <Link
            className="button primary small"
            to={`/awards/nominations/${n.id}`}
            aria-label={t('nominations.openFor', { action: todo(n, t) || t('nominations.open'), name: n.subject_name, award: n.award_name })}
          >
            {todo(n, t) || t('nominations.open')}
          </Link>
        </div>
      ),
    },
  ];

  return (
    <ListPage title={t('nominations.queueTitle')}>
      <p className="muted">{t('nominations.queueHint')}</p>
      <PagedTable query={query} columns={columns} rowKey={(n) => n.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

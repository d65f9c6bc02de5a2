import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DECISION_KINDS, DECISION_STATUSES, type AwardDecision } from '../../api/types';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { useAwardDecisions, useAwardRoundOptions } from './api/awards';
import { DecisionStatusBadge, decisionKindLabel } from './badges';
import { formatDate } from '../../lib/format';

export function DecisionsListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const rounds = useAwardRoundOptions();
  const query = useAwardDecisions({
    round_id: Number(p.get('round_id')) || undefined,
    status: DECISION_STATUSES.find((s) => s === p.get('status')),
    kind: DECISION_KINDS.find((k) => k === p.get('kind')),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<AwardDecision>[] = [
    {
      key: 'number',
      label: t('awards.decisions.number'),
      render: (d) => <Link to={`/awards/decisions/${d.id}`}>{d.number}</Link>,
    },
    { key: 'signed', label: t('awards.decisions.signedOn'), render: (d) => formatDate(d.signed_on) },
    { key: 'round', label: t('awards.decisions.round'), render: (d) => d.round_name },
    { key: 'kind', label: t('awards.decisions.kind'), render: (d) => decisionKindLabel(d.kind, t) },
    { key: 'level', label: t('awards.decisions.level'), render: (d) => t(`awards.levels.${d.level}`) },
    { key: 'status', label: t('fields.status'), render: (d) => <DecisionStatusBadge status={d.status} /> },
    { key: 'count', label: t('awards.decisions.awardeeCount'), className: 'col-num', render: (d) => d.awardees.length },
  ];

  return (
    <ListPage
      title={t('awards.decisions.title')}
      action={
        me.permissions.includes('decisions:write') && (
          <Link className="button primary" to="/awards/decisions/new">
            {t('awards.decisions.create')}
          </Link>
        )
      }
      filters={
        <>
          <SelectFilter
            p={p}
            name="round_id"
            label={t('awards.decisions.round')}
            options={(rounds.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          />
          <SelectFilter
            p={p}
            name="kind"
            label={t('awards.decisions.kind')}
            options={DECISION_KINDS.map((k) => ({ value: k, label: t(`awards.decisions.kinds.${k}`) }))}
          />
          <SelectFilter
            p={p}
            name="status"
            label={t('fields.status')}
            options={DECISION_STATUSES.map((s) => ({ value: s, label: t(`awards.decisions.statuses.${s}`) }))}
          />
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(d) => d.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

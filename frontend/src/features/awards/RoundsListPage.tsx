import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROUND_KINDS, type AwardRound, type RoundKind } from '../../api/types';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { useAwardRounds } from './api/awards';
import { OpenBadge, roundKindLabel } from './badges';
import { NominationCounts } from './NominationCounts';
import { formatDate } from '../../lib/format';

export function RoundsListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const query = useAwardRounds({
    kind: ROUND_KINDS.find((k): k is RoundKind => k === p.get('kind')),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<AwardRound>[] = [
    { key: 'name', label: t('awards.rounds.name'), render: (r) => <Link to={`/awards/rounds/${r.id}`}>{r.name}</Link> },
    { key: 'kind', label: t('awards.rounds.kind'), render: (r) => r.kind_label },
    { key: 'years', label: t('awards.rounds.schoolYears'), render: (r) => r.school_years.join(', ') },
    { key: 'opens', label: t('awards.rounds.opensOn'), render: (r) => formatDate(r.opens_on) },
    { key: 'closes', label: t('awards.rounds.closesOn'), render: (r) => formatDate(r.closes_on) },
    { key: 'open', label: t('awards.rounds.state'), render: (r) => <OpenBadge open={r.is_open} /> },
    { key: 'nominations', label: t('awards.rounds.nominations'), render: (r) => <NominationCounts counts={r.nomination_counts} /> },
  ];

  return (
    <ListPage
      title={t('awards.rounds.title')}
      action={
        <div className="actions">
          {me.permissions.includes('council:read') && (
            <Link className="button" to="/awards/council">
              {t('awards.council.title')}
            </Link>
          )}
          {me.permissions.includes('award_rounds:write') && (
            <Link className="button primary" to="/awards/rounds/new">
              {t('awards.rounds.create')}
            </Link>
          )}
        </div>
      }
      filters={
        <SelectFilter
          p={p}
          name="kind"
          label={t('awards.rounds.kind')}
          options={ROUND_KINDS.map((k) => ({ value: k, label: roundKindLabel(k, t) }))}
        />
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(r) => r.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

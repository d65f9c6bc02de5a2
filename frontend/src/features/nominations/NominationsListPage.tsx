import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AWARD_LEVELS, type AwardLevel } from '../../api/types';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SearchFilter, SelectFilter } from '../../components/ListFilters';
import { useUnitOptions } from '../../lib/queries/units';
import { useNominations, useRoundOptions } from './api/nominations';
import { EligibleMark } from './EligibleMark';
import { NominationStatusBadge } from './NominationStatusBadge';
import { sortRounds } from './nomination';
import { NOMINATION_STATUSES, type Nomination, type NominationStatus } from './types';

export function NominationsListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const rounds = useRoundOptions();
  const units = useUnitOptions();
  const query = useNominations({
    round_id: Number(p.get('round_id')) || undefined,
    status: NOMINATION_STATUSES.find((s): s is NominationStatus => s === p.get('status')),
    level: AWARD_LEVELS.find((l): l is AwardLevel => l === p.get('level')),
    unit_id: Number(p.get('unit_id')) || undefined,
    q: p.get('q') || undefined,
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<Nomination>[] = [
    {
      key: 'subject',
      label: t('nominations.subject'),
      render: (n) => <Link to={`/awards/nominations/${n.id}`}>{n.subject_name}</Link>,
    },
    { key: 'unit', label: t('nominations.unit'), className: 'col-unit', render: (n) => n.unit_name },
    { key: 'award', label: t('nominations.award'), render: (n) => n.award_name },
    { key: 'status', label: t('nominations.status'), render: (n) => <NominationStatusBadge status={n.status} label={n.status_label} /> },
    { key: 'eligible', label: t('nominations.eligibleColumn'), render: (n) => <EligibleMark eligible={n.eligibility.eligible} /> },
  ];

  return (
    <ListPage
      title={t('nominations.title')}
      action={
        <div className="actions">
          <Link className="button" to="/awards/nominations/queue">
            {t('nominations.queueTitle')}
          </Link>
          {me.permissions.includes('nominations:write') && (
            <Link className="button primary" to="/awards/nominations/new">
              {t('nominations.create')}
            </Link>
          )}
        </div>
      }
      filters={
        <>
          <SelectFilter
            p={p}
            name="round_id"
            label={t('nominations.round')}
            options={sortRounds(rounds.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          />
          <SelectFilter
            p={p}
            name="status"
            label={t('nominations.status')}
            options={NOMINATION_STATUSES.map((s) => ({ value: s, label: t(`nominations.statuses.${s}`) }))}
          />
          <SelectFilter
            p={p}
            name="level"
            label={t('nominations.level')}
            options={AWARD_LEVELS.map((l) => ({ value: l, label: t(`nominations.levels.${l}`) }))}
          />
          {!me.roles.includes('unit_manager') && (
            <SelectFilter
              p={p}
              name="unit_id"
              label={t('nominations.unit')}
              options={(units.data ?? [])
                .filter((u) => u.kind !== 'subject_group')
                .map((u) => ({ value: String(u.id), label: u.name }))}
            />
          )}
          <SearchFilter p={p} />
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(n) => n.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

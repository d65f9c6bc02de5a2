import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AWARD_LEVELS, AWARD_SUBJECT_KINDS, AWARD_TYPE_STATUSES, type AwardLevel, type AwardSubjectKind, type AwardType } from '../../api/types';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { useAwardTypeOptions, useAwardTypes } from './api/awards';
import { AwardTypeStatusBadge } from './badges';

export function AwardTypesListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const options = useAwardTypeOptions();
  const codes = [...new Set((options.data ?? []).map((a) => a.code))].sort();
  const query = useAwardTypes({
    code: p.get('code') || undefined,
    status: AWARD_TYPE_STATUSES.find((s) => s === p.get('status')),
    level: AWARD_LEVELS.find((l): l is AwardLevel => l === p.get('level')),
    subject_kind: AWARD_SUBJECT_KINDS.find((s): s is AwardSubjectKind => s === p.get('subject_kind')),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<AwardType>[] = [
    { key: 'code', label: t('fields.code'), render: (a) => <span className="code">{a.code}</span> },
    { key: 'name', label: t('awards.types.name'), render: (a) => <Link to={`/awards/types/${a.id}`}>{a.name}</Link> },
    { key: 'level', label: t('awards.types.level'), render: (a) => a.level_label },
    { key: 'authority', label: t('awards.types.authority'), render: (a) => a.granting_authority_label },
    { key: 'subject', label: t('awards.types.subjectKind'), render: (a) => t(`awards.subjectKinds.${a.subject_kind}`) },
    { key: 'status', label: t('fields.status'), render: (a) => <AwardTypeStatusBadge status={a.status} /> },
    { key: 'version', label: t('awards.types.version'), className: 'col-num', render: (a) => a.version_number },
    { key: 'nominations', label: t('awards.types.nominationCount'), className: 'col-num', render: (a) => a.nomination_count },
  ];

  return (
    <ListPage
      title={t('awards.types.title')}
      action={
        me.permissions.includes('award_types:write') && (
          <Link className="button primary" to="/awards/types/new">
            {t('awards.types.create')}
          </Link>
        )
      }
      filters={
        <>
          <SelectFilter p={p} name="code" label={t('fields.code')} options={codes.map((c) => ({ value: c, label: c }))} />
          <SelectFilter
            p={p}
            name="status"
            label={t('fields.status')}
            options={AWARD_TYPE_STATUSES.map((s) => ({ value: s, label: t(`awards.statuses.${s}`) }))}
          />
          <SelectFilter
            p={p}
            name="level"
            label={t('awards.types.level')}
            options={AWARD_LEVELS.map((l) => ({ value: l, label: t(`awards.levels.${l}`) }))}
          />
          <SelectFilter
            p={p}
            name="subject_kind"
            label={t('awards.types.subjectKind')}
            options={AWARD_SUBJECT_KINDS.map((s) => ({ value: s, label: t(`awards.subjectKinds.${s}`) }))}
          />
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(a) => a.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

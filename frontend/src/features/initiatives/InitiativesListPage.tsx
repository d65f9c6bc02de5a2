import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { actionInHeading, ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SearchFilter, SelectFilter } from '../../components/ListFilters';
import { useMovements } from '../../lib/queries/frameworks';
import { useUnitOptions } from '../../lib/queries/units';
import { isUnitBound } from '../../lib/units';
import { useInitiatives } from './api/initiatives';
import { RecognitionBadges } from './badges';
import { INITIATIVE_KINDS, RECOGNITION_LEVELS, type Initiative, type InitiativeKind, type RecognitionLevel } from './types';

export function InitiativesListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const movements = useMovements();
  const units = useUnitOptions();
  const years = movements.data?.[0]?.school_years ?? [];
  const recognised = p.get('recognised');
  const query = useInitiatives({
    unit_id: Number(p.get('unit_id')) || undefined,
    school_year: p.get('school_year') || undefined,
    kind: INITIATIVE_KINDS.find((k): k is InitiativeKind => k === p.get('kind')),
    recognised: recognised === 'true' ? true : recognised === 'false' ? false : undefined,
    recognition_level: RECOGNITION_LEVELS.find((l): l is RecognitionLevel => l === p.get('recognition_level')),
    q: p.get('q').trim() || undefined,
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<Initiative>[] = [
    { key: 'title', label: t('initiatives.titleField'), render: (i) => <Link to={`/initiatives/${i.id}`}>{i.title}</Link> },
    { key: 'kind', label: t('initiatives.kind'), render: (i) => t(`initiatives.kinds.${i.kind}`, { defaultValue: i.kind_label }) },
    { key: 'year', label: t('fields.schoolYear'), render: (i) => i.school_year },
    { key: 'unit', label: t('fields.unit'), render: (i) => i.unit_name },
    {
      key: 'authors',
      label: t('initiatives.authors'),
      render: (i) => i.authors.map((a) => a.full_name).join(', '),
    },
    { key: 'recognition', label: t('initiatives.recognition'), render: (i) => <RecognitionBadges initiative={i} /> },
  ];

  const may = me.permissions.includes('initiatives:write');
  const createLink = (
    <Link className="button primary" to="/initiatives/new">
      {t('initiatives.create')}
    </Link>
  );
  return (
    <ListPage
      title={t('initiatives.title')}
      action={may && actionInHeading(query) && createLink}
      filters={
        <>
          <SearchFilter p={p} />
          <SelectFilter p={p} name="school_year" label={t('fields.schoolYear')} options={years.map((y) => ({ value: y, label: y }))} />
          <SelectFilter
            p={p}
            name="kind"
            label={t('initiatives.kind')}
            options={INITIATIVE_KINDS.map((k) => ({ value: k, label: t(`initiatives.kinds.${k}`) }))}
          />
          <SelectFilter
            p={p}
            name="recognised"
            label={t('initiatives.recognisedFilter')}
            options={[
              { value: 'true', label: t('initiatives.recognisedYes') },
              { value: 'false', label: t('initiatives.notRecognised') },
            ]}
          />
          <SelectFilter
            p={p}
            name="recognition_level"
            label={t('initiatives.level')}
            options={RECOGNITION_LEVELS.map((l) => ({ value: l, label: t(`initiatives.levels.${l}`) }))}
          />
          {!isUnitBound(me.roles) && (
            <SelectFilter
              p={p}
              name="unit_id"
              label={t('fields.unit')}
              options={(units.data ?? []).filter((u) => u.kind === 'school').map((u) => ({ value: String(u.id), label: u.name }))}
            />
          )}
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(i) => i.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} empty={{ message: t('demo.empty.initiatives'), action: may ? createLink : undefined }} />
    </ListPage>
  );
}

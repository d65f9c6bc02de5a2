import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type Activity, type ActivityKind } from '../../api/types';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { actionInHeading, ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { useMovements } from '../../lib/queries/frameworks';
import { useUnitOptions } from '../../lib/queries/units';
import { useActivities } from './api/activities';
import { isUnitBound } from '../../lib/units';
import { formatDate } from '../../lib/format';

export function ActivitiesListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const movements = useMovements();
  const units = useUnitOptions();
  const years = movements.data?.[0]?.school_years ?? [];
  const query = useActivities({
    unit_id: Number(p.get('unit_id')) || undefined,
    school_year: p.get('school_year') || undefined,
    kind: ACTIVITY_KINDS.find((k): k is ActivityKind => k === p.get('kind')),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<Activity>[] = [
    { key: 'date', label: t('activities.date'), render: (a) => formatDate(a.activity_date) },
    { key: 'title', label: t('activities.titleField'), render: (a) => <Link to={`/activities/${a.id}`}>{a.title}</Link> },
    { key: 'kind', label: t('activities.kind'), render: (a) => t(`activities.kinds.${a.kind}`, { defaultValue: a.kind_label }) },
    { key: 'unit', label: t('activities.school'), className: 'col-unit', render: (a) => a.unit_name },
    { key: 'attendees', label: t('activities.attendees'), className: 'col-num', render: (a) => a.attendees.length },
    { key: 'learners', label: t('activities.learnerCount'), className: 'col-num', render: (a) => a.learner_count },
  ];

  const may = me.permissions.includes('activities:write');
  const createLink = (
    <Link className="button primary" to="/activities/new">
      {t('activities.create')}
    </Link>
  );
  return (
    <ListPage
      title={t('activities.title')}
      action={may && actionInHeading(query) && createLink}
      filters={
        <>
          <SelectFilter p={p} name="school_year" label={t('fields.schoolYear')} options={years.map((y) => ({ value: y, label: y }))} />
          <SelectFilter
            p={p}
            name="kind"
            label={t('activities.kind')}
            options={ACTIVITY_KINDS.map((k) => ({
              value: k,
              label: t(`activities.kinds.${k}`, { defaultValue: t(`communications.activityKinds.${k}`) }),
            }))}
          />
          {!isUnitBound(me.roles) && (
            <SelectFilter
              p={p}
              name="unit_id"
              label={t('activities.school')}
              options={(units.data ?? []).filter((u) => u.kind === 'school').map((u) => ({ value: String(u.id), label: u.name }))}
            />
          )}
        </>
      }
    >
      <p className="muted">{t('activities.feedsHint')}</p>
      <PagedTable query={query} columns={columns} rowKey={(a) => a.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} empty={{ message: t('demo.empty.activities'), action: may ? createLink : undefined }} />
    </ListPage>
  );
}

import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FRAMEWORK_STATUSES, SUBJECT_KINDS, type FrameworkStatus, type FrameworkSummary, type SubjectKind } from '../../api/types';
import { formatNumber } from '../../lib/indicators';
import { useListParams } from '../../lib/useListParams';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SearchFilter, SelectFilter } from '../../components/ListFilters';
import { useFrameworks } from './api/frameworks';

export function FrameworkStatusBadge({ status }: { status: FrameworkStatus }) {
  const { t } = useTranslation();
  return <span className={`badge fw-${status}`}>{t(`frameworks.statuses.${status}`)}</span>;
}

export function FrameworksListPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const query = useFrameworks({
    code: p.get('q') || undefined,
    status: FRAMEWORK_STATUSES.find((s): s is FrameworkStatus => s === p.get('status')),
    subject_kind: SUBJECT_KINDS.find((s): s is SubjectKind => s === p.get('subject_kind')),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<FrameworkSummary>[] = [
    { key: 'code', label: t('fields.code'), render: (f) => f.code },
    { key: 'version', label: t('frameworks.version'), render: (f) => t('frameworks.versionN', { n: f.version_number }) },
    { key: 'name', label: t('frameworks.name'), render: (f) => <Link to={`/frameworks/${f.id}`}>{f.name}</Link> },
    { key: 'subject', label: t('frameworks.subjectKind'), render: (f) => t(`subjectKinds.${f.subject_kind}`) },
    { key: 'status', label: t('fields.status'), render: (f) => <FrameworkStatusBadge status={f.status} /> },
    {
      key: 'size',
      label: t('frameworks.size'),
      render: (f) => t('frameworks.sizeText', { criteria: f.criteria_count, indicators: f.indicator_count, points: formatNumber(f.max_points) }),
    },
    { key: 'used', label: t('frameworks.assessmentCount'), render: (f) => f.assessment_count },
  ];

  return (
    <ListPage
      title={t('frameworks.title')}
      filters={
        <>
          <SearchFilter p={p} />
          <SelectFilter
            p={p}
            name="status"
            label={t('fields.status')}
            options={FRAMEWORK_STATUSES.map((s) => ({ value: s, label: t(`frameworks.statuses.${s}`) }))}
          />
          <SelectFilter
            p={p}
            name="subject_kind"
            label={t('frameworks.subjectKind')}
            options={SUBJECT_KINDS.map((s) => ({ value: s, label: t(`subjectKinds.${s}`) }))}
          />
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(f) => f.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

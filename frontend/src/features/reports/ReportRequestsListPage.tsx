import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReportRequest } from '../../api/types';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { actionInHeading, ListPage, PagedTable, type Column } from '../../components/DataTable';
import { useReportRequests } from './api/reports';
import { formatDate } from '../../lib/format';

export function ReportRequestsListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const query = useReportRequests({ limit: p.limit, offset: p.offset });
  const columns: Column<ReportRequest>[] = [
    { key: 'title', label: t('reports.requestTitle'), render: (r) => <Link to={`/report-requests/${r.id}`}>{r.title}</Link> },
    { key: 'kind', label: t('reports.kind'), render: (r) => t(`reports.kinds.${r.kind}`, { defaultValue: r.kind }) },
    { key: 'period', label: t('reports.period'), render: (r) => r.period_label },
    { key: 'year', label: t('fields.schoolYear'), render: (r) => r.school_year },
    { key: 'due', label: t('reports.dueDate'), render: (r) => formatDate(r.due_date) },
    { key: 'count', label: t('reports.submittedCount'), className: 'col-num', render: (r) => `${r.submitted_count}/${r.units.length}` },
  ];
  const may = me.permissions.includes('reports:manage');
  const createLink = (
    <Link className="button primary" to="/report-requests/new">
      {t('reports.createRequest')}
    </Link>
  );
  return (
    <ListPage
      title={t('reports.title')}
      action={may && actionInHeading(query) && createLink}
    >
      <PagedTable query={query} columns={columns} rowKey={(r) => r.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} empty={{ message: t('demo.empty.reportRequests'), action: may ? createLink : undefined }} />
    </ListPage>
  );
}

import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import { useMe } from '../../lib/auth';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { TextField } from '../../components/fields';
import { useConsolidated, useConsolidatedIssues, useCreateReport, useIssueConsolidated, useReportRequest } from './api/reports';
import { formatDate, formatDateTime } from '../../lib/format';

/** Today as the server judges dates (UTC): a report is not issued in the future. */
const today = () => new Date().toISOString().slice(0, 10);

export function ReportStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const cls = status === 'submitted' ? 'badge badge-ok' : status === 'draft' ? 'badge badge-info' : 'badge badge-off';
  return <span className={cls}>{t(`reports.statuses.${status}`, { defaultValue: status })}</span>;
}

export function ReportRequestPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useReportRequest(id);
  const manage = me.permissions.includes('reports:manage');
  const consolidated = useConsolidated(id, manage);
  const issues = useConsolidatedIssues(id, manage);
  const issue = useIssueConsolidated(id);
  const [issuedMessage, setIssuedMessage] = useState('');
  const createReport = useCreateReport();
  const [number, setNumber] = useState('');
  const [signer, setSigner] = useState('');
  const [signerTitle, setSignerTitle] = useState('Phó Chủ tịch');
  const [issuedOn, setIssuedOn] = useState('');
  const [recipient, setRecipient] = useState('Sở Giáo dục và Đào tạo tỉnh Phú Thọ');
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const r = query.data;

  if (query.isPending)
    return (
      <section>
        <Loading />
      </section>
    );
  if (!r)
    return (
      <section>
        <ErrorBanner error={query.error} />
      </section>
    );

  const own = r.units.find((u) => u.unit_id === me.unit_id);
  const totals = consolidated.data?.totals as Record<string, number | string | null> | undefined;

  function issueReport() {
    setIssuedMessage('');
    issue.mutate(
      {
        number: number.trim(),
        signer: signer.trim(),
        signer_title: signerTitle.trim(),
        issued_on: issuedOn || today(),
        recipient: recipient.trim(),
      },
      { onSuccess: (v) => setIssuedMessage(t('reports.issuedMessage', { number: v.number_line, recipient: v.recipient })) },
    );
  }
  const canWrite = me.permissions.includes('reports:write');

  async function download(kind: 'docx' | 'xlsx') {
    setBusy(true);
    setDownloadError(null);
    const qs = new URLSearchParams();
    if (kind === 'docx') {
      if (number.trim()) qs.set('number', number.trim());
      if (signer.trim()) qs.set('signer', signer.trim());
      if (signerTitle.trim()) qs.set('signer_title', signerTitle.trim());
      if (issuedOn) qs.set('issued_on', issuedOn);
    }
    const q = qs.toString();
    try {
      await downloadFile(`/api/v1/report-requests/${id}/consolidated.${kind}${q ? `?${q}` : ''}`, `bao-cao-tong-hop-${id}.${kind}`);
    } catch (e) {
      setDownloadError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <p>
        <Link to="/report-requests">← {t('reports.title')}</Link>
      </p>
      <h1>{r.title}</h1>
      <dl className="details">
        <dt>{t('reports.kind')}</dt>
        <dd>
          {t(`reports.kinds.${r.kind}`, { defaultValue: r.kind })}
          {r.phase_number ? ` ${r.phase_number}` : ''}
        </dd>
        <dt>{t('reports.period')}</dt>
        <dd>{r.period_label || t('common.none')}</dd>
        <dt>{t('fields.schoolYear')}</dt>
        <dd>{r.school_year}</dd>
        <dt>{t('reports.dueDate')}</dt>
        <dd>{formatDate(r.due_date)}</dd>
        <dt>{t('reports.note')}</dt>
        <dd className="pre-line">{r.note || t('common.none')}</dd>
        <dt>{t('reports.submittedCount')}</dt>
        <dd>
          {r.submitted_count}/{r.units.length}
        </dd>
      </dl>

      {own && canWrite && (
        <div className="actions">
          <ErrorBanner error={createReport.error} />
          {own.report_id ? (
            <Link className="button primary" to={`/reports/${own.report_id}`}>
              {t('reports.openReport')}
            </Link>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={createReport.isPending}
              onClick={() => createReport.mutate(r.id, { onSuccess: (rep) => navigate(`/reports/${rep.id}`) })}
            >
              {t('reports.startReport')}
            </button>
          )}
        </div>
      )}

      <h2>{t('reports.schools')}</h2>
      <DataTable
        rows={r.units}
        rowKey={(u) => u.unit_id}
        className="request-units"
        columns={[
          { key: 'code', label: t('fields.code'), render: (u) => u.unit_code },
          {
            key: 'name',
            label: t('fields.name'),
            render: (u) => (u.report_id && (manage || u.unit_id === me.unit_id) ? <Link to={`/reports/${u.report_id}`}>{u.unit_name}</Link> : u.unit_name),
          },
          { key: 'status', label: t('fields.status'), render: (u) => <ReportStatusBadge status={u.status} /> },
          { key: 'late', label: t('reports.late'), render: (u) => (u.late ? <span className="badge badge-danger">{t('reports.lateMark')}</span> : '') },
        ]}
      />

      {manage && (
        <section aria-labelledby="consolidated">
          <h2 id="consolidated">{t('reports.consolidated')}</h2>
          <ErrorBanner error={consolidated.error ?? downloadError ?? issue.error} />
          {totals && (
            <p>
              {t('reports.totalsLine', {
                submitted: totals.reports_submitted,
                asked: totals.units_asked,
                late: totals.reports_submitted_late,
                missing: totals.reports_missing,
                scored: totals.units_with_scorecard,
                average: totals.average_completion_percent == null ? t('common.none') : `${String(totals.average_completion_percent).replace('.', ',')}%`,
              })}
            </p>
          )}
          {consolidated.data && (
            <DataTable
              rows={consolidated.data.rows}
              rowKey={(x) => x.unit_id}
              columns={[
                { key: 'unit', label: t('fields.unit'), render: (x) => x.unit_name },
                { key: 'status', label: t('fields.status'), render: (x) => <ReportStatusBadge status={x.status} /> },
                { key: 'difficulties', label: t('reports.difficulties'), render: (x) => x.difficulties },
                { key: 'proposals', label: t('reports.proposals'), render: (x) => x.proposals },
              ]}
            />
          )}
          <div className="filters">
            <TextField
              id="number"
              label={t('reports.docNumber')}
              hint={t('reports.docNumberHint')}
              inputMode="numeric"
              maxLength={7}
              value={number}
              // Only the number: the template prints "/BC-UBND" after it.
              onChange={(v) => setNumber(v.replace(/\D/g, ''))}
            />
            <TextField id="signer" label={t('reports.signer')} value={signer} onChange={setSigner} required />
            <TextField id="signer_title" label={t('reports.signerTitle')} value={signerTitle} onChange={setSignerTitle} required />
            <TextField id="issued_on" type="date" label={t('reports.issuedOn')} value={issuedOn} onChange={setIssuedOn} />
            <TextField id="recipient" label={t('reports.recipient')} value={recipient} onChange={setRecipient} required />
          </div>
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void download('docx')}>
              {t('reports.downloadDocx')}
            </button>
            <button type="button" disabled={busy} onClick={() => void download('xlsx')}>
              {t('reports.downloadXlsx')}
            </button>
            <button type="button" className="primary" disabled={issue.isPending} onClick={issueReport}>
              {t('reports.issue')}
            </button>
          </div>
          {issuedMessage && (
            <p className="alert alert-ok" role="status">
              {issuedMessage}
            </p>
          )}
          <h3>{t('reports.issuesTitle')}</h3>
          {issues.data && issues.data.length > 0 ? (
            <>
              <p className="muted">{t('reports.issuesHint')}</p>
              <DataTable
                rows={issues.data}
                rowKey={(v) => v.id}
                className="report-issues"
                columns={[
                  { key: 'sequence', label: t('reports.sequence'), render: (v) => v.sequence },
                  { key: 'number', label: t('reports.docNumber'), render: (v) => v.number_line },
                  { key: 'issued_on', label: t('reports.issuedOn'), render: (v) => formatDate(v.issued_on) },
                  { key: 'signer', label: t('reports.signer'), render: (v) => `${v.signer} (${v.signer_title})` },
                  { key: 'recipient', label: t('reports.recipient'), render: (v) => v.recipient },
                  { key: 'sent_at', label: t('reports.sentAt'), render: (v) => formatDateTime(v.sent_at) },
                  {
                    key: 'files',
                    label: t('reports.download'),
                    render: (v) => (
                      <span className="actions">
                        <button
                          type="button"
                          onClick={() =>
                            void downloadFile(`/api/v1/report-requests/${id}/issues/${v.sequence}.docx`, `bao-cao-tong-hop-${id}-lan-${v.sequence}.docx`).catch(setDownloadError)
                          }
                        >
                          DOCX
                        </button>
                        <button
                          type="button"
                          onClick={() =>
                            void downloadFile(`/api/v1/report-requests/${id}/issues/${v.sequence}.xlsx`, `phu-luc-${id}-lan-${v.sequence}.xlsx`).catch(setDownloadError)
                          }
                        >
                          XLSX
                        </button>
                      </span>
                    ),
                  },
                ]}
              />
            </>
          ) : (
            <p className="muted">{t('reports.issuesNone')}</p>
          )}
        </section>
      )}
    </section>
  );
}

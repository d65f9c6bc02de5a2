import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { ASSESSMENT_STATUSES, SUBJECT_KINDS, type AssessmentStatus, type AssessmentSummary, type SubjectKind } from '../../api/types';
import { useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { SelectField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { actionInHeading, ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { useFrameworkOptions, useMovements } from '../../lib/queries/frameworks';
import { useAssessments, useCreateAssessment } from './api/assessments';
import { AssessmentStatusBadge } from '../../components/AssessmentStatusBadge';

function StartForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const frameworks = useFrameworkOptions({ status: 'active' });
  const movements = useMovements();
  const create = useCreateAssessment();
  const [frameworkId, setFrameworkId] = useState('');
  const [year, setYear] = useState('');
  const options = frameworks.data ?? [];
  const chosen = options.find((f) => String(f.id) === frameworkId) ?? (options.length === 1 ? options[0] : undefined);
  const movement = movements.data?.find((m) => m.id === chosen?.movement_id) ?? movements.data?.[0];
  const years = movement?.school_years ?? [];
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen || !year) return;
    create.mutate(
      { framework_id: chosen.id, school_year: year },
      { onSuccess: (a) => navigate(`/assessments/${a.id}`) },
    );
  }

  return (
    <form className="form start-form" onSubmit={submit} noValidate aria-labelledby="start-title">
      <h2 id="start-title">{t('assessments.start')}</h2>
      <ErrorBanner error={create.error} fields={['framework_id', 'school_year']} />
      <ErrorBanner error={frameworks.error ?? movements.error} />
      <SelectField
        id="start-framework"
        label={t('assessments.framework')}
        value={chosen ? String(chosen.id) : ''}
        onChange={setFrameworkId}
        empty={t('common.choose')}
        error={errors.framework_id}
        options={options.map((f) => ({ value: String(f.id), label: `${f.name} (${f.code}, ${t('frameworks.versionN', { n: f.version_number })})` }))}
      />
      <SelectField
        id="start-year"
        label={t('fields.schoolYear')}
        value={year}
        onChange={setYear}
        empty={t('common.choose')}
        error={errors.school_year}
        options={years.map((y) => ({ value: y, label: y }))}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!chosen || !year || create.isPending}>
          {t('assessments.startButton')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function AssessmentsListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const [starting, setStarting] = useState(false);
  const frameworks = useFrameworkOptions();
  const movements = useMovements();
  const years = movements.data?.[0]?.school_years ?? [];
  const query = useAssessments({
    framework_id: Number(p.get('framework_id')) || undefined,
    school_year: p.get('school_year') || undefined,
    status: ASSESSMENT_STATUSES.find((s): s is AssessmentStatus => s === p.get('status')),
    subject_kind: SUBJECT_KINDS.find((s): s is SubjectKind => s === p.get('subject_kind')),
    limit: p.limit,
    offset: p.offset,
  });

  const columns: Column<AssessmentSummary>[] = [
    { key: 'subject', label: t('assessments.subject'), render: (a) => <Link to={`/assessments/${a.id}`}>{a.subject_name}</Link> },
    { key: 'kind', label: t('frameworks.subjectKind'), render: (a) => t(`subjectKinds.${a.subject_kind}`) },
    { key: 'unit', label: t('fields.unit'), render: (a) => a.unit_name },
    { key: 'framework', label: t('assessments.framework'), render: (a) => `${a.framework_code} (${t('frameworks.versionN', { n: a.framework_version })})` },
    { key: 'year', label: t('fields.schoolYear'), render: (a) => a.school_year },
    { key: 'status', label: t('fields.status'), render: (a) => <AssessmentStatusBadge status={a.status} /> },
    { key: 'updated', label: t('fields.updatedAt'), render: (a) => formatDateTime(a.updated_at) },
  ];

  const mayStart = me.permissions.includes('assessments:fill') && !starting;
  const startButton = (
    <button type="button" className="primary" onClick={() => setStarting(true)}>
      {t('assessments.start')}
    </button>
  );
  return (
    <ListPage
      title={t('assessments.title')}
      action={mayStart && actionInHeading(query) && startButton}
      filters={
        <>
          <SelectFilter
            p={p}
            name="framework_id"
            label={t('assessments.framework')}
            options={(frameworks.data ?? []).map((f) => ({ value: String(f.id), label: `${f.code} (${t('frameworks.versionN', { n: f.version_number })})` }))}
          />
          <SelectFilter p={p} name="school_year" label={t('fields.schoolYear')} options={years.map((y) => ({ value: y, label: y }))} />
          <SelectFilter
            p={p}
            name="status"
            label={t('fields.status')}
            options={ASSESSMENT_STATUSES.map((s) => ({ value: s, label: t(`assessments.statuses.${s}`) }))}
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
      {starting && <StartForm onCancel={() => setStarting(false)} />}
      <PagedTable query={query} columns={columns} rowKey={(a) => a.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} empty={{ message: t('demo.empty.assessments'), action: mayStart ? startButton : undefined }} />
    </ListPage>
  );
}

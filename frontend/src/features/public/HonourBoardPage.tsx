import { useTranslation } from 'react-i18next';
import { useListParams } from '../../lib/useListParams';
import { type Column } from '../../components/DataTable';
import { SearchFilter, SelectFilter } from '../../components/ListFilters';
import { Pagination } from '../../components/Pagination';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useHonourBoard, usePublicRounds } from './api/public';
import { usePublicCommune } from './commune';
import { formatDate } from './format';
import { PublicTable } from './PublicTable';
import { HONOUR_LEVELS, HONOUR_SUBJECT_KINDS, type HonourBoardItem, type HonourLevel, type HonourSubjectKind } from './types';
import { schoolYearOptions } from './years';

/** Bảng vàng: collectives and individuals awarded by the system's decisions, newest decision first. */
export function HonourBoardPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const commune = usePublicCommune();
  const rounds = usePublicRounds(commune);
  const query = useHonourBoard({
    commune_id: commune,
    round_id: Number(p.get('round_id')) || undefined,
    school_year: p.get('school_year') || undefined,
    level: HONOUR_LEVELS.find((l): l is HonourLevel => l === p.get('level')),
    subject_kind: HONOUR_SUBJECT_KINDS.find((k): k is HonourSubjectKind => k === p.get('subject_kind')),
    q: p.get('q').trim() || undefined,
    limit: p.limit,
    offset: p.offset,
  });
  const years = schoolYearOptions((rounds.data ?? []).map((r) => r.school_year));

  const columns: Column<HonourBoardItem>[] = [
    { key: 'recipient', label: t('honour.recipient'), render: (x) => <span className="honour-recipient">{x.recipient_name}</span> },
    { key: 'unit', label: t('honour.unit'), render: (x) => x.unit_name },
    { key: 'award', label: t('honour.award'), render: (x) => x.award_name },
    { key: 'level', label: t('honour.level'), render: (x) => t(`honour.levels.${x.level}`, { defaultValue: x.level }) },
    { key: 'year', label: t('honour.schoolYear'), render: (x) => x.school_year },
    {
      key: 'decision',
      label: t('honour.decision'),
      render: (x) => t('honour.decisionText', { number: x.decision_number, date: formatDate(x.decision_date) }),
    },
    { key: 'issuer', label: t('honour.issuer'), render: (x) => x.issuer },
  ];

  return (
    <section>
      <h1>{t('honour.boardTitle')}</h1>
      <p className="muted">{t('honour.boardIntro')}</p>
      <form className="filters" role="search" aria-label={t('honour.filters')} onSubmit={(e) => e.preventDefault()}>
        <SearchFilter p={p} />
        <SelectFilter
          p={p}
          name="round_id"
          label={t('honour.round')}
          options={(rounds.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
        />
        <SelectFilter p={p} name="school_year" label={t('honour.schoolYear')} options={years.map((y) => ({ value: y, label: y }))} />
        <SelectFilter
          p={p}
          name="level"
          label={t('honour.level')}
          options={HONOUR_LEVELS.map((l) => ({ value: l, label: t(`honour.levels.${l}`) }))}
        />
        <SelectFilter
          p={p}
          name="subject_kind"
          label={t('honour.subjectKind')}
          options={HONOUR_SUBJECT_KINDS.map((k) => ({ value: k, label: t(`honour.subjectKinds.${k}`) }))}
        />
      </form>
      <ErrorBanner error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : query.data ? (
        <>
          <p className="honour-count muted">{t('honour.count', { n: query.data.total })}</p>
          <PublicTable
            label={t('honour.boardTitle')}
            columns={columns}
            rows={query.data.items}
            rowKey={(x) => `${x.decision_number}|${x.recipient_name}|${x.award_name}|${x.school_year}`}
            empty={t('honour.boardEmpty')}
          />
          <Pagination offset={p.offset} limit={p.limit} total={query.data.total} onChange={p.setOffset} />
        </>
      ) : null}
    </section>
  );
}

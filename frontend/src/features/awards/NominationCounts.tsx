import { useTranslation } from 'react-i18next';

/** Order of the nomination workflow (draft → … → decided). */
const ORDER = ['draft', 'submitted', 'reviewed', 'approved', 'rejected', 'proposed', 'decided'];
const rank = (status: string) => (ORDER.includes(status) ? ORDER.indexOf(status) : ORDER.length);

/** "Đã gửi đề nghị: 3 · Đã phê duyệt: 2" from a round's nomination_counts (status → number). */
export function NominationCounts({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return <span className="muted">0</span>;
  return (
    <ul className="plain">
      {entries.map(([status, n]) => (
        <li key={status}>
          {t(`awards.nominationStatuses.${status}`, { defaultValue: status })}: {n}
        </li>
      ))}
    </ul>
  );
}

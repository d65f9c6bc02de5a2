import { useTranslation } from 'react-i18next';
import { hasNext, hasPrevious, pageLabel, previousOffset } from '../lib/pagination';

export function Pagination({
  offset,
  limit,
  total,
  onChange,
}: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" disabled={!hasPrevious(offset)} onClick={() => onChange(previousOffset(offset, limit))}>
        {t('pagination.previous')}
      </button>
      <span className="pagination-range">{pageLabel(offset, limit, total)}</span>
      <button type="button" disabled={!hasNext(offset, limit, total)} onClick={() => onChange(offset + limit)}>
        {t('pagination.next')}
      </button>
    </nav>
  );
}

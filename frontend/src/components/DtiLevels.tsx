import { useTranslation } from 'react-i18next';
import type { DtiGroupResult } from '../api/types';
import { formatNumber } from '../lib/indicators';

/** A school's QĐ 4725 level per group ("Nhóm I: Mức 3 (77 điểm)"); no overall level is derived (the
 * sources found do not say how the two make one). */
export function DtiLevels({ groups, compact = false }: { groups: DtiGroupResult[] | undefined; compact?: boolean }) {
  const { t } = useTranslation();
  if (!groups || groups.length === 0) return <span className="muted">{t('dti.noResult')}</span>;
  return (
    <span className="dti-levels">
      {groups.map((g) => (
        <span key={g.group} className={`badge dti-level dti-level-${g.level}`} title={`${g.name}: ${g.level_label}`}>
          {compact
            ? t('dti.groupLevelShort', { group: g.group === '1' ? 'I' : 'II', level: g.level })
            : t('dti.groupLevel', { group: g.group === '1' ? 'I' : 'II', level: g.level, points: formatNumber(g.points) })}
        </span>
      ))}
    </span>
  );
}

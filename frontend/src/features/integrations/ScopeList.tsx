import { useTranslation } from 'react-i18next';
import { groupScopes } from './scopes';
import type { ScopeCatalogue } from './types';

/** "Cán bộ, giáo viên: Đọc, Nhập" per family; the raw scope codes in the title for developers. */
export function ScopeList({ scopes, catalogue }: { scopes: readonly string[]; catalogue: ScopeCatalogue | undefined }) {
  const { t } = useTranslation();
  const groups = groupScopes(scopes, catalogue?.families, catalogue?.levels);
  if (groups.length === 0) return <>{t('common.none')}</>;
  return (
    <ul className="plain scope-list" title={scopes.join(' ')}>
      {groups.map((g) => (
        <li key={g.family}>
          {t(`integrations.scopeFamilies.${g.family}`, { defaultValue: g.family })}
          {g.levels.length > 0 && ': '}
          {g.levels.map((l) => t(`integrations.scopeLevels.${l}`, { defaultValue: l })).join(', ')}
        </li>
      ))}
    </ul>
  );
}

import { useTranslation } from 'react-i18next';
import { levelFull, offers, setLevel, setScope, type ScopeCatalogueLike, type ScopeGrid } from './scopes';

/** Families (rows) × levels (columns) of checkboxes, each with its own label. */
export function ScopeGridField({
  catalogue,
  grid,
  onChange,
  error,
  count,
}: {
  catalogue: ScopeCatalogueLike;
  grid: ScopeGrid;
  onChange: (grid: ScopeGrid) => void;
  error?: string;
  count: number;
}) {
  const { t } = useTranslation();
  const familyLabel = (f: string) => t(`integrations.scopeFamilies.${f}`, { defaultValue: f });
  const levelLabel = (l: string) => t(`integrations.scopeLevels.${l}`, { defaultValue: l });
  const describedBy = ['scopes-hint', error ? 'scopes-error' : ''].filter(Boolean).join(' ');

  return (
    <fieldset className="field" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend>{t('integrations.keys.scopes')}</legend>
      <p className="field-hint" id="scopes-hint">
        {t('integrations.keys.scopesHint')}
      </p>
      <div className="scope-grid-wrap">
        <table className="scope-grid">
          <caption className="visually-hidden">{t('integrations.keys.scopes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrations.keys.scopeFamily')}</th>
              {catalogue.levels.map((level) => (
                <th scope="col" key={level}>
                  <label className="scope-col">
                    <input
                      type="checkbox"
                      checked={levelFull(grid, level)}
                      onChange={(e) => onChange(setLevel(grid, level, e.target.checked))}
                    />
                    <span>{levelLabel(level)}</span>
                    <span className="visually-hidden">{t('integrations.keys.wholeColumn')}</span>
                  </label>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {catalogue.families.map((family) => (
              <tr key={family}>
                <th scope="row">{familyLabel(family)}</th>
                {catalogue.levels.map((level) => {
                  const id = `scope-${family}-${level}`;
                  return (
                    <td key={level}>
                      {offers(catalogue, family, level) ? (
                        <>
                          <input
                            id={id}
                            type="checkbox"
                            value={`${family}:${level}`}
                            checked={grid[family]?.[level] === true}
                            onChange={(e) => onChange(setScope(grid, family, level, e.target.checked))}
                          />
                          <label htmlFor={id} className="visually-hidden">
                            {t('integrations.keys.scopeCell', { family: familyLabel(family), level: levelLabel(level) })}
                          </label>
                        </>
                      ) : (
                        <span aria-hidden="true">—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('integrations.keys.scopeCount', { n: count })}</p>
      {error && (
        <p className="field-error" id="scopes-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

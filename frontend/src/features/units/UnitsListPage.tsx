import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { UNIT_KINDS, type UnitKind } from '../../api/types';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { Pagination } from '../../components/Pagination';
import { StatusBadge } from '../../components/StatusBadge';
import { useUnits } from './api';

export function UnitsListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const query = useUnits({
    q: p.get('q'),
    kind: UNIT_KINDS.find((k): k is UnitKind => k === p.get('kind')),
    include_inactive: p.flag('inactive'),
    limit: p.limit,
    offset: p.offset,
  });

  return (
    <section>
      <div className="page-head">
        <h1>{t('units.title')}</h1>
        {me.permissions.includes('units:write') && (
          <Link className="button primary" to="/units/new">
            {t('units.create')}
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField id="q" type="search" label={t('common.search')} value={p.get('q')} onChange={(v) => p.set('q', v)} />
        <SelectField
          id="kind"
          label={t('fields.kind')}
          value={p.get('kind')}
          onChange={(v) => p.set('kind', v)}
          empty={t('common.all')}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))}
        />
        <CheckboxField
          id="inactive"
          label={t('common.includeInactive')}
          checked={p.flag('inactive')}
          onChange={(v) => p.setFlag('inactive', v)}
        />
      </form>
      <ErrorBanner error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : query.data ? (
        <>
          {query.data.items.length === 0 ? (
            <p className="muted">{t('common.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('fields.code')}</th>
                  <th>{t('fields.name')}</th>
                  <th>{t('fields.kind')}</th>
                  <th>{t('fields.schoolLevel')}</th>
                  <th>{t('fields.parent')}</th>
                  <th>{t('fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((u) => (
                  <tr key={u.id}>
                    <td data-label={t('fields.code')}>{u.code}</td>
                    <td data-label={t('fields.name')}>
                      <Link to={`/units/${u.id}`}>{u.name}</Link>
                    </td>
                    <td data-label={t('fields.kind')}>{t(`unitKinds.${u.kind}`)}</td>
                    <td data-label={t('fields.schoolLevel')}>
                      {u.school_level ? t(`schoolLevels.${u.school_level}`) : ''}
                    </td>
                    <td data-label={t('fields.parent')}>{u.parent_name ?? ''}</td>
                    <td data-label={t('fields.status')}>
                      <StatusBadge active={u.is_active} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pagination offset={p.offset} limit={p.limit} total={query.data.total} onChange={p.setOffset} />
        </>
      ) : null}
    </section>
  );
}

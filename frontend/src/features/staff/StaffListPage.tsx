import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { Pagination } from '../../components/Pagination';
import { StatusBadge } from '../../components/StatusBadge';
import { useUnitOptions } from '../units/api';
import { useStaffList } from './api';

export function StaffListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const units = useUnitOptions();
  const unitId = Number(p.get('unit_id')) || undefined;
  const query = useStaffList({
    q: p.get('q'),
    unit_id: unitId,
    include_inactive: p.flag('inactive'),
    limit: p.limit,
    offset: p.offset,
  });

  return (
    <section>
      <div className="page-head">
        <h1>{t('staff.title')}</h1>
        {me.permissions.includes('staff:write') && (
          <Link className="button primary" to="/staff/new">
            {t('staff.create')}
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField id="q" type="search" label={t('common.search')} value={p.get('q')} onChange={(v) => p.set('q', v)} />
        <SelectField
          id="unit_id"
          label={t('fields.unit')}
          value={p.get('unit_id')}
          onChange={(v) => p.set('unit_id', v)}
          empty={t('common.all')}
          options={(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
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
                  <th>{t('fields.fullName')}</th>
                  <th>{t('fields.position')}</th>
                  <th>{t('fields.unit')}</th>
                  <th>{t('fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((s) => (
                  <tr key={s.id}>
                    <td data-label={t('fields.code')} className="col-code">
                      {s.code}
                    </td>
                    <td data-label={t('fields.fullName')}>
                      <Link to={`/staff/${s.id}`}>{s.full_name}</Link>
                    </td>
                    <td data-label={t('fields.position')}>{s.position}</td>
                    <td data-label={t('fields.unit')} className="col-unit">
                      {s.unit_name ?? ''}
                    </td>
                    <td data-label={t('fields.status')}>
                      <StatusBadge active={s.is_active} />
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

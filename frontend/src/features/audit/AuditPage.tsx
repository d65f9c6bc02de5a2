import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/i18n';
import { useListParams } from '../../lib/useListParams';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { Pagination } from '../../components/Pagination';
import { useAuditEvents } from './api';

/** entity_type (table name) → detail page of the entity */
const ENTITY_PAGES: Record<string, string> = { unit: '/units', staff_member: '/staff', user_account: '/users' };
const ENTITY_TYPES = Object.keys(ENTITY_PAGES);

function json(value: unknown): string {
  return value == null ? '' : JSON.stringify(value, null, 2);
}

export function AuditPage() {
  const { t } = useTranslation();
  const p = useListParams();
  const query = useAuditEvents({
    entity_type: p.get('entity_type'),
    entity_id: Number(p.get('entity_id')) || undefined,
    limit: p.limit,
    offset: p.offset,
  });

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="entity_type"
          label={t('audit.entityType')}
          value={p.get('entity_type')}
          onChange={(v) => p.set('entity_type', v)}
          empty={t('common.all')}
          options={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entityTypes.${e}`) }))}
        />
        <TextField
          id="entity_id"
          type="number"
          inputMode="numeric"
          label={t('audit.entityId')}
          value={p.get('entity_id')}
          onChange={(v) => p.set('entity_id', v)}
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
                  <th>{t('audit.time')}</th>
                  <th>{t('audit.actor')}</th>
                  <th>{t('audit.action')}</th>
                  <th>{t('audit.entity')}</th>
                  <th>{t('audit.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((e) => (
                  <tr key={e.id}>
                    <td data-label={t('audit.time')}>{formatDateTime(e.occurred_at)}</td>
                    <td data-label={t('audit.actor')}>{e.actor_login ?? ''}</td>
                    <td data-label={t('audit.action')}>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                    <td data-label={t('audit.entity')}>
                      {t(`audit.entityTypes.${e.entity_type}`, { defaultValue: e.entity_type })}{' '}
                      {e.entity_id != null && ENTITY_PAGES[e.entity_type] ? (
                        <Link to={`${ENTITY_PAGES[e.entity_type]}/${e.entity_id}`}>#{e.entity_id}</Link>
                      ) : (
                        e.entity_id != null && `#${e.entity_id}`
                      )}
                    </td>
                    <td data-label={t('audit.changes')}>
                      {(e.before != null || e.after != null) && (
                        <details>
                          <summary>{t('audit.show')}</summary>
                          {e.before != null && (
                            <>
                              <h4>{t('audit.before')}</h4>
                              <pre>{json(e.before)}</pre>
                            </>
                          )}
                          {e.after != null && (
                            <>
                              <h4>{t('audit.after')}</h4>
                              <pre>{json(e.after)}</pre>
                            </>
                          )}
                        </details>
                      )}
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

import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import type { AuditEvent } from '../../api/types';
import { TextField } from '../../components/fields';
import { ListPage, PagedTable, type Column } from '../../components/DataTable';
import { SelectFilter } from '../../components/ListFilters';
import { useAuditEvents } from './api/audit';

/** entity_type (table name) → detail page of the entity */
const ENTITY_PAGES: Record<string, string> = { unit: '/units', staff_member: '/staff', user_account: '/users' };
const ENTITY_TYPES = Object.keys(ENTITY_PAGES);

function json(value: unknown): string {
  return value == null ? '' : JSON.stringify(value, null, 2);
}

function Changes({ e }: { e: AuditEvent }) {
  const { t } = useTranslation();
  if (e.before == null && e.after == null) return null;
  return (
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
  );
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

  const columns: Column<AuditEvent>[] = [
    { key: 'time', label: t('audit.time'), render: (e) => formatDateTime(e.occurred_at) },
    // names and Vietnamese words from the server, never a login, a table name or an English action (issue 18.4)
    { key: 'actor', label: t('audit.actor'), render: (e) => e.actor_name },
    { key: 'action', label: t('audit.action'), render: (e) => e.action_label },
    {
      key: 'entity',
      label: t('audit.entity'),
      render: (e) => {
        const name = e.entity_name ?? (e.entity_id != null ? `#${e.entity_id}` : '');
        return (
          <>
            {e.entity_label}
            {name && ': '}
            {e.entity_id != null && ENTITY_PAGES[e.entity_type] ? <Link to={`${ENTITY_PAGES[e.entity_type]}/${e.entity_id}`}>{name}</Link> : name}
          </>
        );
      },
    },
    { key: 'changes', label: t('audit.changes'), render: (e) => <Changes e={e} /> },
  ];

  return (
    <ListPage
      title={t('audit.title')}
      filters={
        <>
          <SelectFilter
            p={p}
            name="entity_type"
            label={t('audit.entityType')}
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
        </>
      }
    >
      <PagedTable query={query} columns={columns} rowKey={(e) => e.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </ListPage>
  );
}

import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types';
import { ErrorBanner, Loading } from './ErrorBanner';
import { Pagination } from './Pagination';

export interface Column<T> {
  /** unique per table */
  key: string;
  /** header text, also shown before the value when rows are stacked on small screens */
  label: string;
  render: (row: T) => ReactNode;
  className?: string;
}

/** A table that becomes stacked cards below 768 px (every cell carries its column label). */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  caption,
  className,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  caption?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('common.empty')}</p>;
  return (
    <table className={className ? `table ${className}` : 'table'}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.key} data-label={c.label} className={c.className}>
                {c.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Loading / error / empty / table / pagination for one page of a server-side paged list. */
export function PagedTable<T>({
  query,
  columns,
  rowKey,
  offset,
  limit,
  onOffset,
}: {
  query: UseQueryResult<Page<T>>;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  offset: number;
  limit: number;
  onOffset: (offset: number) => void;
}) {
  return (
    <>
      <ErrorBanner error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : query.data ? (
        <>
          <DataTable columns={columns} rows={query.data.items} rowKey={rowKey} />
          <Pagination offset={offset} limit={limit} total={query.data.total} onChange={onOffset} />
        </>
      ) : null}
    </>
  );
}

/** Heading (with an optional action such as "Thêm …"), a filter form and the list below. */
export function ListPage({
  title,
  action,
  filters,
  children,
}: {
  title: string;
  action?: ReactNode;
  filters?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section>
      <div className="page-head">
        <h1>{title}</h1>
        {action}
      </div>
      {filters && (
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          {filters}
        </form>
      )}
      {children}
    </section>
  );
}

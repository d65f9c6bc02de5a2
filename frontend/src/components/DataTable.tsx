import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Page } from '../api/types';
import { EmptyState, type EmptyProps } from './EmptyState';
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
  empty,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  caption?: string;
  className?: string;
  /** what the empty list says would fill it, and the action when the role has it */
  empty?: EmptyProps;
}) {
  if (rows.length === 0) return <EmptyState {...empty} />;
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

/** Whether a paged list's action belongs in the page's heading: once the list has come back with rows,
 * or failed to load. An empty list carries its action in its empty state instead, which says what
 * would fill the list (one button, where the eye is). While the list loads there is none: a button
 * shown in the heading and then moved into the empty state moved from under the click that was
 * meant for it (a browser test lost such a click). */
export function actionInHeading<T>(query: UseQueryResult<Page<T>>): boolean {
  return query.isError || (query.data?.total ?? 0) > 0;
}

/** Loading / error / empty / table / pagination for one page of a server-side paged list. */
export function PagedTable<T>({
  query,
  columns,
  rowKey,
  offset,
  limit,
  onOffset,
  empty,
}: {
  query: UseQueryResult<Page<T>>;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  offset: number;
  limit: number;
  onOffset: (offset: number) => void;
  empty?: EmptyProps;
}) {
  return (
    <>
      <ErrorBanner error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : query.data ? (
        <>
          <DataTable columns={columns} rows={query.data.items} rowKey={rowKey} empty={empty} />
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

import { useSearchParams } from 'react-router';
import { DEFAULT_LIMIT } from './pagination';

/** List filters and paging kept in the URL (?q=…&offset=…), so back/forward and reload keep them. */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);

  function set(key: string, value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'offset') next.delete('offset');
        return next;
      },
      { replace: true },
    );
  }

  return {
    get: (key: string) => params.get(key) ?? '',
    flag: (key: string) => params.get(key) === '1',
    set,
    setFlag: (key: string, on: boolean) => set(key, on ? '1' : ''),
    offset,
    limit: DEFAULT_LIMIT,
    setOffset: (o: number) => set('offset', o > 0 ? String(o) : ''),
  };
}

/** Drops empty values so they are not sent as query parameters. */
export function compact<T extends object>(query: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

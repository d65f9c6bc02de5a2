import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Puts what a write answered into the cache. A read of the same key that started before the write (a
 * page refetching on mount, say) can be answered after it, with the state from before the write, and
 * would overwrite the answer: the page would show "Đã gửi" beside the old status. So that read is
 * cancelled first; TanStack Query reverts a cancelled query's state at once (its onCancel runs
 * synchronously), and the answer is set after it.
 */
export function putAnswer<T>(qc: QueryClient, key: QueryKey, data: T): void {
  void qc.cancelQueries({ queryKey: key, exact: true });
  qc.setQueryData(key, data);
}

import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { putAnswer } from './cache';

/** A read the test answers when it chooses, as a slow server would. */
function slowRead<T>() {
  let answer: (value: T) => void = () => {};
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}

describe('putAnswer', () => {
  it('keeps a write’s answer when a read started before it is answered after it', async () => {
    const qc = new QueryClient();
    const key = ['nominations', 'detail', 7];
    qc.setQueryData(key, { status: 'draft', version: 1 });
    const read = slowRead<{ status: string; version: number }>();
    const refetch = qc.fetchQuery({ queryKey: key, queryFn: () => read.promise, staleTime: 0 });

    putAnswer(qc, key, { status: 'submitted', version: 2 });
    read.answer({ status: 'draft', version: 1 }); // the read saw the row before the write
    await refetch.catch(() => undefined);

    expect(qc.getQueryData(key)).toEqual({ status: 'submitted', version: 2 });
    expect(qc.getQueryState(key)?.fetchStatus).toBe('idle');
  });

  it('without a read in flight, only sets the answer', () => {
    const qc = new QueryClient();
    putAnswer(qc, ['plans', 'detail', 1], { status: 'approved' });
    expect(qc.getQueryData(['plans', 'detail', 1])).toEqual({ status: 'approved' });
  });
});

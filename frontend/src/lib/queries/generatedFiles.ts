/** Files built by the job queue (large exports, hồ sơ): followed until done, then downloaded. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { GeneratedFile } from '../../api/types';
import { generatedFilesKeys } from '../queryKeys';

export const GENERATED_POLL_MS = 700;

export function isGeneratedFinished(file: GeneratedFile | undefined): boolean {
  return file?.status === 'succeeded' || file?.status === 'failed';
}

export function getGeneratedFile(id: number) {
  return call(api.GET('/api/v1/generated-files/{file_id}', { params: { path: { file_id: id } } }));
}

export const generatedFileQueryOptions = (id: number | null) =>
  queryOptions({
    queryKey: generatedFilesKeys.detail(id),
    queryFn: () => getGeneratedFile(id!),
    enabled: id !== null,
    refetchInterval: (query) => (isGeneratedFinished(query.state.data) ? false : GENERATED_POLL_MS),
  });

export function useGeneratedFile(id: number | null) {
  return useQuery(generatedFileQueryOptions(id));
}

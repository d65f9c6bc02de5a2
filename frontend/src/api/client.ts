import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toProblem } from './problem';
import { getToken, setToken } from '../lib/token';

export const api = createClient<paths>({ baseUrl: '' });

api.use({
  onRequest({ request }) {
    const token = getToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // Any 401 (other than a failed login) means the session is gone.
    if (response.status === 401 && !request.url.endsWith('/auth/token')) setToken(null);
    return response;
  },
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and throws ApiError for any non-2xx answer. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (e) {
    throw new ApiError({ status: 0, detail: null, title: e instanceof Error ? e.message : String(e) });
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After'));
    throw new ApiError(toProblem(error, response.status), Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return data as T;
}

/** Header sent with every change to an existing resource (optimistic concurrency). */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}

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

/** File name from a Content-Disposition header (RFC 6266 filename* first). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || null;
}

/**
 * Downloads a protected file (bearer token needed, so a plain link would not work):
 * fetches it as a blob and saves it under the server's file name.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (e) {
    throw new ApiError({ status: 0, detail: null, title: e instanceof Error ? e.message : String(e) });
  }
  if (response.status === 401) setToken(null);
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // not JSON
    }
    throw new ApiError(toProblem(body, response.status));
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = dispositionFilename(response.headers.get('Content-Disposition')) ?? fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

/**
 * Posts a multipart form with upload progress (fetch cannot report it): `onProgress` gets the share
 * sent, 0 to 1. Same token, 401 handling and ApiError as every other call.
 */
export function postFormWithProgress<T>(url: string, form: FormData, onProgress: (share: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = getToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, detail: null, title: 'Network error' }));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status === 401) setToken(null);
      if (xhr.status < 200 || xhr.status >= 300) return reject(new ApiError(toProblem(body, xhr.status)));
      onProgress(1);
      resolve(body as T);
    };
    xhr.send(form);
  });
}

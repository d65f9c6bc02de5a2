import type { EvidenceLink } from '../api/types';

/** Evidence links with a URL (trimmed); a blank title becomes the URL. Rows without a URL are dropped. */
export function linksPayload(rows: readonly { url: string; title: string }[]): EvidenceLink[] {
  return rows
    .map((r) => ({ url: r.url.trim(), title: r.title.trim() }))
    .filter((r) => r.url !== '')
    .map((r) => ({ url: r.url, title: r.title || r.url }));
}

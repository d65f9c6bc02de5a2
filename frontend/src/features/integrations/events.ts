/** Webhook events and receiver URLs: small pure helpers for the forms and lists. */
import type { WebhookEventInfo } from './types';

/** The events a subscription may name, in the catalogue's order (the test ping is sent on request only). */
export function subscribableEvents(catalogue: readonly WebhookEventInfo[]): WebhookEventInfo[] {
  return catalogue.filter((e) => e.subscribable);
}

/** The Vietnamese label of an event from the catalogue, or the event code when it is not there. */
export function eventLabel(catalogue: readonly WebhookEventInfo[] | undefined, event: string): string {
  return catalogue?.find((e) => e.event === event)?.label ?? event;
}

/** `selected` with `event` added or removed, kept in the catalogue's order (others at the end). */
export function toggleEvent(
  selected: readonly string[],
  event: string,
  on: boolean,
  catalogue: readonly WebhookEventInfo[] = [],
): string[] {
  const set = new Set(selected);
  if (on) set.add(event);
  else set.delete(event);
  const order = catalogue.map((e) => e.event);
  const rank = (e: string) => (order.includes(e) ? order.indexOf(e) : order.length);
  return [...set].sort((a, b) => rank(a) - rank(b));
}

export type UrlProblem = 'empty' | 'invalid' | 'scheme' | 'credentials';

/**
 * What is wrong with a receiver URL before it is sent (the server checks again): it must be an
 * absolute http(s) URL with a host and no user name or password. null when it looks fine.
 */
export function urlProblem(url: string): UrlProblem | null {
  const u = url.trim();
  if (u === '') return 'empty';
  if (/\s/.test(u)) return 'invalid';
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return 'invalid';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'scheme';
  if (!parsed.hostname) return 'invalid';
  if (parsed.username || parsed.password) return 'credentials';
  return null;
}

/** A plain http:// receiver works but its deliveries travel unencrypted: the form warns about it. */
export function isInsecureUrl(url: string): boolean {
  return /^http:\/\//i.test(url.trim());
}

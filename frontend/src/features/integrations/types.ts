/** Short names for the integration schemas (API keys of service accounts, webhook subscriptions). */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type ApiKey = S['ApiKeyRead'];
export type ApiKeyCreate = S['ApiKeyCreate'];
export type ApiKeyCreated = S['ApiKeyCreated'];
export type ScopeCatalogue = S['ScopeCatalogue'];

export type Webhook = S['WebhookRead'];
export type WebhookCreate = S['WebhookCreate'];
export type WebhookCreated = S['WebhookCreated'];
export type WebhookUpdate = S['WebhookUpdate'];
export type WebhookDelivery = S['WebhookDeliveryRead'];
export type WebhookEventInfo = S['WebhookEventInfo'];
/** An event a subscription may name (the server's catalogue says which ones, with their labels). */
export type WebhookEvent = WebhookCreate['events'][number];

/** Statuses as the server reports them (plain strings in the schema). */
export const API_KEY_STATUSES = ['active', 'expired', 'revoked'] as const;
export const WEBHOOK_STATUSES = ['active', 'paused', 'revoked'] as const;
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

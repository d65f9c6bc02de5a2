import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../../api/client';
import { isConflict } from '../../../lib/errors';
import { compact } from '../../../lib/useListParams';
import type { ApiKey, ApiKeyCreate, DeliveryStatus, Webhook, WebhookCreate, WebhookUpdate } from '../types';
import { apiKeysKeys, usersKeys, webhooksKeys } from '../../../lib/queryKeys';

// Secrets (a new key, a webhook signing secret) come back in a mutation's result only: `gcTime: 0`
// drops that result from the mutation cache as soon as the screen showing it is left.

// --- API keys -----------------------------------------------------------------------------------

export interface ApiKeyFilters {
  service_account_id?: number;
  limit: number;
  offset: number;
}

export function getApiKeys(filters: ApiKeyFilters) {
  return call(api.GET('/api/v1/api-keys', { params: { query: compact(filters) } }));
}

export const apiKeysQueryOptions = (filters: ApiKeyFilters) =>
  queryOptions({
    queryKey: apiKeysKeys.list(filters),
    queryFn: () => getApiKeys(filters),
    placeholderData: keepPreviousData,
  });

export function useApiKeys(filters: ApiKeyFilters) {
  return useQuery(apiKeysQueryOptions(filters));
}

export function getScopeCatalogue() {
  return call(api.GET('/api/v1/api-keys/scopes'));
}

export const scopeCatalogueQueryOptions = () =>
  queryOptions({
    queryKey: apiKeysKeys.scopes(),
    queryFn: () => getScopeCatalogue(),
    staleTime: 10 * 60 * 1000,
  });

/** The scope catalogue (families × levels) offered to keys. */
export function useScopeCatalogue() {
  return useQuery(scopeCatalogueQueryOptions());
}

export function getServiceAccounts() {
  return call(api.GET('/api/v1/users', { params: { query: { role: 'integration', limit: 200 } } }));
}

export const serviceAccountsQueryOptions = () =>
  queryOptions({
    queryKey: usersKeys.serviceAccounts(),
    queryFn: () => getServiceAccounts(),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });

/** Active service accounts (users with the integration role) that may own a key. */
export function useServiceAccounts() {
  return useQuery(serviceAccountsQueryOptions());
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiKeyCreate) => call(api.POST('/api/v1/api-keys', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeysKeys.lists() }),
    gcTime: 0,
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (key: ApiKey) =>
      call(
        api.POST('/api/v1/api-keys/{key_id}/revoke', {
          params: { path: { key_id: key.id }, header: ifMatch(key.version) },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: apiKeysKeys.lists() }),
  });
}

// --- webhooks -----------------------------------------------------------------------------------

export function getWebhooks(filters: { limit: number; offset: number }) {
  return call(api.GET('/api/v1/webhooks', { params: { query: filters } }));
}

export const webhooksQueryOptions = (filters: { limit: number; offset: number }) =>
  queryOptions({
    queryKey: webhooksKeys.list(filters),
    queryFn: () => getWebhooks(filters),
    placeholderData: keepPreviousData,
  });

export function useWebhooks(filters: { limit: number; offset: number }) {
  return useQuery(webhooksQueryOptions(filters));
}

export function getWebhook(id: number) {
  return call(api.GET('/api/v1/webhooks/{webhook_id}', { params: { path: { webhook_id: id } } }));
}

export const webhookQueryOptions = (id: number) =>
  queryOptions({
    queryKey: webhooksKeys.detail(id),
    queryFn: () => getWebhook(id),
    // the pending / failed counts move while the dispatcher works through the queue
    refetchInterval: (query) => ((query.state.data?.pending_deliveries ?? 0) > 0 ? 5000 : false),
  });

export function useWebhook(id: number) {
  return useQuery(webhookQueryOptions(id));
}

export function getWebhookEvents() {
  return call(api.GET('/api/v1/webhooks/events'));
}

export const webhookEventsQueryOptions = () =>
  queryOptions({
    queryKey: webhooksKeys.events(),
    queryFn: () => getWebhookEvents(),
    select: (c) => c.events,
    staleTime: 10 * 60 * 1000,
  });

/** The event catalogue with Vietnamese labels (the test ping is listed as not subscribable). */
export function useWebhookEvents() {
  return useQuery(webhookEventsQueryOptions());
}

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookCreate) => call(api.POST('/api/v1/webhooks', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhooksKeys.lists() }),
    gcTime: 0,
  });
}

export function useUpdateWebhook(webhook: Webhook | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookUpdate) =>
      call(
        api.PATCH('/api/v1/webhooks/{webhook_id}', {
          params: { path: { webhook_id: webhook!.id }, header: ifMatch(webhook!.version) },
          body,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhooksKeys.all }),
    onError: (error) => {
      if (isConflict(error)) void qc.invalidateQueries({ queryKey: webhooksKeys.all });
    },
  });
}

export function useRevokeWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (webhook: Webhook) =>
      call(
        api.POST('/api/v1/webhooks/{webhook_id}/revoke', {
          params: { path: { webhook_id: webhook.id }, header: ifMatch(webhook.version) },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: webhooksKeys.all }),
  });
}

/** A new signing secret, valid at once; the result carries it (shown once). */
export function useRotateWebhookSecret() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (webhook: Webhook) =>
      call(
        api.POST('/api/v1/webhooks/{webhook_id}/rotate-secret', {
          params: { path: { webhook_id: webhook.id }, header: ifMatch(webhook.version) },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: webhooksKeys.all }),
    gcTime: 0,
  });
}

/** Queues a "ping" delivery; the dispatcher sends it in the background. */
export function useTestWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (webhook: Webhook) =>
      call(api.POST('/api/v1/webhooks/{webhook_id}/test', { params: { path: { webhook_id: webhook.id } } })),
    onSettled: (_data, _error, webhook) => {
      void qc.invalidateQueries({ queryKey: webhooksKeys.detail(webhook.id) });
      void qc.invalidateQueries({ queryKey: webhooksKeys.deliveries(webhook.id) });
      void qc.invalidateQueries({ queryKey: webhooksKeys.lists() });
    },
  });
}

export interface DeliveryFilters {
  status?: DeliveryStatus;
  limit: number;
  offset: number;
}

export function getDeliveries(webhookId: number, filters: DeliveryFilters) {
  return call(
    api.GET('/api/v1/webhooks/{webhook_id}/deliveries', {
      params: { path: { webhook_id: webhookId }, query: compact(filters) },
    }),
  );
}

export const deliveriesQueryOptions = (webhookId: number, filters: DeliveryFilters) =>
  queryOptions({
    queryKey: webhooksKeys.deliveryList(webhookId, filters),
    queryFn: () => getDeliveries(webhookId, filters),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 5000 : false),
  });

/** The delivery log, newest first; polled while something on the page is still waiting to be sent. */
export function useDeliveries(webhookId: number, filters: DeliveryFilters) {
  return useQuery(deliveriesQueryOptions(webhookId, filters));
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, ifMatch } from '../../api/client';
import { isConflict } from '../../lib/errors';
import { compact } from '../../lib/useListParams';
import type { ApiKey, ApiKeyCreate, DeliveryStatus, Webhook, WebhookCreate, WebhookUpdate } from './types';
import { apiKeysKeys, usersKeys, webhooksKeys } from '../../lib/queryKeys';

// Secrets (a new key, a webhook signing secret) come back in a mutation's result only: `gcTime: 0`
// drops that result from the mutation cache as soon as the screen showing it is left.

// --- API keys -----------------------------------------------------------------------------------

export interface ApiKeyFilters {
  service_account_id?: number;
  limit: number;
  offset: number;
}

export function useApiKeys(filters: ApiKeyFilters) {
  return useQuery({
    queryKey: apiKeysKeys.list(filters),
    queryFn: () => call(api.GET('/api/v1/api-keys', { params: { query: compact(filters) } })),
    placeholderData: keepPreviousData,
  });
}

/** The scope catalogue (families × levels) offered to keys. */
export function useScopeCatalogue() {
  return useQuery({
    queryKey: apiKeysKeys.scopes(),
    queryFn: () => call(api.GET('/api/v1/api-keys/scopes')),
    staleTime: 10 * 60 * 1000,
  });
}

/** Active service accounts (users with the integration role) that may own a key. */
export function useServiceAccounts() {
  return useQuery({
    queryKey: usersKeys.serviceAccounts(),
    queryFn: () => call(api.GET('/api/v1/users', { params: { query: { role: 'integration', limit: 200 } } })),
    select: (page) => page.items,
    staleTime: 60 * 1000,
  });
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

export function useWebhooks(filters: { limit: number; offset: number }) {
  return useQuery({
    queryKey: webhooksKeys.list(filters),
    queryFn: () => call(api.GET('/api/v1/webhooks', { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export function useWebhook(id: number) {
  return useQuery({
    queryKey: webhooksKeys.detail(id),
    queryFn: () => call(api.GET('/api/v1/webhooks/{webhook_id}', { params: { path: { webhook_id: id } } })),
    // the pending / failed counts move while the dispatcher works through the queue
    refetchInterval: (query) => ((query.state.data?.pending_deliveries ?? 0) > 0 ? 5000 : false),
  });
}

/** The event catalogue with Vietnamese labels (the test ping is listed as not subscribable). */
export function useWebhookEvents() {
  return useQuery({
    queryKey: webhooksKeys.events(),
    queryFn: () => call(api.GET('/api/v1/webhooks/events')),
    select: (c) => c.events,
    staleTime: 10 * 60 * 1000,
  });
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

/** The delivery log, newest first; polled while something on the page is still waiting to be sent. */
export function useDeliveries(webhookId: number, filters: DeliveryFilters) {
  return useQuery({
    queryKey: webhooksKeys.deliveryList(webhookId, filters),
    queryFn: () =>
      call(
        api.GET('/api/v1/webhooks/{webhook_id}/deliveries', {
          params: { path: { webhook_id: webhookId }, query: compact(filters) },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 5000 : false),
  });
}

export { ApiKeysListPage } from './ApiKeysListPage';
export { ApiKeyCreatePage } from './ApiKeyCreatePage';
export { WebhooksListPage } from './WebhooksListPage';
export { WebhookDetailPage } from './WebhookDetailPage';
export { WebhookCreatePage, WebhookEditPage } from './WebhookEditPages';

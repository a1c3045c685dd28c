// Wire shape of a webhook endpoint (docs/api.md#s1-10): the public nanoid, the workspace's wire id, the URL as registered.
import type { WireWebhookEndpoint } from '@/contracts/webhooks';
import type { WebhookEndpoint } from '@/generated/prisma/client';
import { wireTimestamp } from '../wire-format';

export function webhookEndpointToWire(endpoint: WebhookEndpoint, workspaceName: string): WireWebhookEndpoint {
  return { id: endpoint.id, workspace_id: workspaceName, url: endpoint.url, created_at: wireTimestamp(endpoint.createdAt) };
}

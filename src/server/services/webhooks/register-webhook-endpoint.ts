import 'server-only';
// POST …/webhooks: registration is idempotent by URL (the SDK retries POSTs, docs/api.md#s1-9) and capped at 10 live endpoints
// per workspace. The workspace row is locked for the check-then-insert, so two concurrent registrations can neither
// both pass the cap nor register one URL twice.
import type { WireWebhookEndpoint } from '@/contracts/webhooks';
import { getDb } from '@/server/db/client';
import { ConflictError, NotFoundError } from '../errors';
import { newPublicId } from '../ids';
import { validateWebhookUrl } from './validate-webhook-url';
import { webhookEndpointToWire } from './webhook-endpoint-wire';
import { MAX_WEBHOOK_ENDPOINTS } from './webhook-settings';

export type RegisteredWebhook = { endpoint: WireWebhookEndpoint; created: boolean };

export async function registerWebhookEndpoint(workspaceName: string, rawUrl: string): Promise<RegisteredWebhook> {
  const url = validateWebhookUrl(rawUrl);
  return getDb().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM workspaces WHERE name = ${workspaceName} FOR UPDATE`;
    const workspace = locked[0];
    if (!workspace) throw new NotFoundError(`Workspace ${workspaceName} not found`);
    const live = await tx.webhookEndpoint.findMany({
      where: { workspaceId: workspace.id, deletedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const existing = live.find((endpoint) => endpoint.url === url);
    if (existing) return { endpoint: webhookEndpointToWire(existing, workspaceName), created: false };
    if (live.length >= MAX_WEBHOOK_ENDPOINTS) {
      throw new ConflictError(
        `Workspace ${workspaceName} already has ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints. Delete one before adding another.`,
      );
    }
    const endpoint = await tx.webhookEndpoint.create({ data: { id: newPublicId(), workspaceId: workspace.id, url } });
    return { endpoint: webhookEndpointToWire(endpoint, workspaceName), created: true };
  });
}

import 'server-only';
// Records one webhook event for every live endpoint of a workspace, in the caller's transaction (docs/architecture.md#layering,
// rule 8): the event exists exactly when the write that caused it commits, and a crash after the commit only
// delays delivery. Each delivery gets its own `webhook` work item (its own unit, so one slow receiver never holds
// up another); the webhook job handler sends it.
//
// Without WEBHOOK_SECRET nothing may be sent (docs/api.md#s5-7), but the delivery is still recorded, as `disabled`, so the
// console shows what would have gone out; no work item is created for it.
import type { DbClient } from '@/server/db/client';
import { newPublicId } from '../ids';
import { canonicalJson } from './canonical-json';
import { webhookMaxAttempts, webhookSecret } from '@/server/config/webhook-config';

export type WebhookEventType = 'queue.empty' | 'test.event';

export type WebhookEvent = { type: WebhookEventType; data: Record<string, unknown> };

/** Unit key of the work item that delivers one delivery. */
export function webhookUnitKey(deliveryId: string): string {
  return `webhook:${deliveryId}`;
}

/** The exact body bytes that are signed and sent: `{"data":…,"timestamp":"…Z","type":"…"}` with sorted keys. */
export function webhookBody(event: WebhookEvent, at: Date): string {
  return canonicalJson({ data: event.data, timestamp: at.toISOString(), type: event.type });
}

/**
 * `workspaceId` is the internal workspace key. Returns nothing: callers (queue drain, `GET …/webhooks/test`) do
 * not depend on whether any endpoint exists.
 */
export async function enqueueWebhookEvent(tx: DbClient, workspaceId: string, event: WebhookEvent): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { workspaceId, deletedAt: null },
    select: { id: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (endpoints.length === 0) return;
  const now = new Date();
  const body = webhookBody(event, now);
  const enabled = webhookSecret() !== null;
  const deliveries = endpoints.map((endpoint) => ({
    id: newPublicId(),
    workspaceId,
    endpointId: endpoint.id,
    eventType: event.type,
    body,
    status: enabled ? ('pending' as const) : ('disabled' as const),
    createdAt: now,
    nextAttemptAt: now,
  }));
  await tx.webhookDelivery.createMany({ data: deliveries });
  if (!enabled) return;
  const maxAttempts = webhookMaxAttempts();
  await tx.workItem.createMany({
    data: deliveries.map((delivery) => ({
      workspaceId,
      kind: 'webhook' as const,
      unitKey: webhookUnitKey(delivery.id),
      payload: { delivery_id: delivery.id, event_type: event.type },
      maxAttempts,
      availableAt: now,
    })),
  });
}

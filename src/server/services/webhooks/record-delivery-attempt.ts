import 'server-only';
// Bookkeeping of webhook deliveries: every attempt's outcome is recorded on the delivery row (attempt count, last
// response code, last error, delivery time), so the console shows exactly what happened to each event.
import type { DeliveryStatus } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import type { DeliveryOutcome } from './attempt-webhook-delivery';

export type PendingDelivery = {
  id: string;
  workspaceId: string;
  body: string;
  status: DeliveryStatus;
  url: string;
  endpointDeleted: boolean;
};

export async function loadDelivery(db: DbClient, deliveryId: string): Promise<PendingDelivery | null> {
  const row = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: { select: { url: true, deletedAt: true } } },
  });
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    body: row.body,
    status: row.status,
    url: row.endpoint.url,
    endpointDeleted: row.endpoint.deletedAt !== null,
  };
}

/**
 * Records one attempt. `final` marks the delivery failed (refused, or out of attempts); otherwise a retryable
 * outcome leaves it pending with `nextAttemptAt` as the queue's next try.
 */
export async function recordDeliveryAttempt(
  db: DbClient,
  deliveryId: string,
  outcome: DeliveryOutcome,
  options: { final: boolean; nextAttemptAt?: Date },
): Promise<void> {
  const now = new Date();
  const status: DeliveryStatus = outcome.kind === 'delivered' ? 'delivered' : options.final ? 'failed' : 'pending';
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      status,
      attempts: { increment: 1 },
      responseStatus: outcome.responseStatus,
      lastError: outcome.kind === 'delivered' ? null : outcome.error,
      deliveredAt: outcome.kind === 'delivered' ? now : null,
      ...(options.nextAttemptAt ? { nextAttemptAt: options.nextAttemptAt } : {}),
    },
  });
}

/** Closes a delivery without sending it (endpoint deleted, or the secret was removed since it was recorded). */
export async function closeUnsentDelivery(db: DbClient, deliveryId: string, status: 'failed' | 'disabled', reason: string): Promise<void> {
  await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status, lastError: reason } });
}

import 'server-only';
// Job handler of `webhook` work items: one item per delivery (enqueue-webhook-event.ts). The HTTP POST happens
// outside any transaction; its outcome is then recorded together with the item's completion or failure.
//
// Retries: network errors, timeouts, 5xx and 429 throw, so the queue engine retries the item with its backoff until
// `maxAttempts` (WEBHOOK_MAX_ATTEMPTS); the last allowed attempt marks the delivery and the item failed itself.
// Any other non-2xx answer fails at once. Receivers must tolerate duplicates (docs/api.md#s5-7): a crash between the POST and the
// commit sends the event again.
import type { ClaimedItem, JobContext, JobHandler } from '../job-types';
import { attemptWebhookDelivery } from '@/server/services/webhooks/attempt-webhook-delivery';
import { closeUnsentDelivery, loadDelivery, recordDeliveryAttempt } from '@/server/services/webhooks/record-delivery-attempt';
import { webhookSecret } from '@/server/config/webhook-config';

async function deliverOne(item: ClaimedItem, ctx: JobContext): Promise<void> {
  const deliveryId = typeof item.payload.delivery_id === 'string' ? item.payload.delivery_id : null;
  const delivery = deliveryId ? await loadDelivery(ctx.db, deliveryId) : null;
  if (!delivery) {
    await ctx.db.$transaction((tx) => ctx.fail(tx, item, `Webhook delivery ${deliveryId ?? '(missing id)'} no longer exists`));
    return;
  }
  // Already settled (a duplicate item, or a retry after the commit of a successful attempt was lost).
  if (delivery.status !== 'pending') {
    await ctx.db.$transaction((tx) => ctx.complete(tx, [item]));
    return;
  }
  if (delivery.endpointDeleted) {
    await ctx.db.$transaction(async (tx) => {
      await closeUnsentDelivery(tx, delivery.id, 'failed', 'Endpoint was deleted before delivery');
      await ctx.complete(tx, [item]);
    });
    return;
  }
  const secret = webhookSecret();
  if (!secret) {
    await ctx.db.$transaction(async (tx) => {
      await closeUnsentDelivery(tx, delivery.id, 'disabled', 'WEBHOOK_SECRET is not configured; nothing was sent');
      await ctx.complete(tx, [item]);
    });
    return;
  }

  const outcome = await attemptWebhookDelivery(delivery.url, delivery.body, secret, { signal: ctx.signal });
  ctx.log('webhook attempt', { delivery: delivery.id, outcome: outcome.kind, status: outcome.responseStatus, attempt: item.attempts });
  if (outcome.kind === 'delivered') {
    await ctx.db.$transaction(async (tx) => {
      await recordDeliveryAttempt(tx, delivery.id, outcome, { final: true });
      await ctx.complete(tx, [item]);
    });
    return;
  }
  const lastAttempt = outcome.kind === 'refused' || item.attempts >= item.maxAttempts;
  if (lastAttempt) {
    const reason = outcome.kind === 'refused' ? outcome.error : `${outcome.error} (gave up after ${item.attempts} attempts)`;
    await ctx.db.$transaction(async (tx) => {
      await recordDeliveryAttempt(tx, delivery.id, outcome, { final: true });
      await ctx.fail(tx, item, reason);
    });
    return;
  }
  // Recorded outside the item's transaction on purpose: the throw below rolls nothing back, and the attempt happened.
  await recordDeliveryAttempt(ctx.db, delivery.id, outcome, { final: false });
  throw new Error(outcome.error);
}

export const webhookHandler: JobHandler = {
  kind: 'webhook',
  // One delivery per claim: each delivery is its own unit anyway, and a slow receiver must not delay others.
  maxBatch: 1,
  async run(items, ctx) {
    for (const item of items) await deliverOne(item, ctx);
  },
};

import 'server-only';
// The `queue.empty` webhook event (docs/api.md#s5-7): sent when a derivation or summary unit that processed at least
// one item in this run has nothing pending or in progress left. Recorded after the unit's settlement commits, in its
// own short transaction: webhooks promise no exactly-once delivery, and a failure here must never undo a settlement.
import { enqueueWebhookEvent } from '@/server/services/webhooks/enqueue-webhook-event';
import type { Claim } from './claim-unit';
import type { WorkerDb } from './engine-options';

const QUEUE_TYPES = { derivation: 'representation', summary: 'summary' } as const;

export function announcesDrain(claim: Claim): boolean {
  return claim.kind in QUEUE_TYPES;
}

export async function announceDrainedUnit(db: WorkerDb, claim: Claim): Promise<void> {
  const queueType = QUEUE_TYPES[claim.kind as keyof typeof QUEUE_TYPES];
  if (!queueType) return;
  const first = claim.items[0];
  const [names] = await db.$queryRaw<{ workspace: string | null; session: string | null; sender: string | null }[]>`
    SELECT (SELECT name FROM workspaces WHERE id = ${claim.workspaceId}) AS workspace,
           (SELECT name FROM sessions WHERE id = ${first?.sessionId ?? null}) AS session,
           (SELECT name FROM peers WHERE id = ${first?.senderId ?? null}) AS sender`;
  // The workspace is being deleted: nobody is left to notify.
  if (!names?.workspace) return;
  await db.$transaction((tx) =>
    enqueueWebhookEvent(tx, claim.workspaceId, {
      type: 'queue.empty',
      data: {
        workspace_id: names.workspace,
        queue_type: queueType,
        session_id: names.session,
        observer: null,
        observed: queueType === 'representation' ? names.sender : null,
      },
    }),
  );
}

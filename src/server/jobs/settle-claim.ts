import 'server-only';
import { transactionLimits } from '@/server/db/transaction-limits';
// What happens to a claim's items once its handler is done, and the release of the unit, in one transaction:
// - the handler returned: items it neither completed nor failed go back to pending without spending an attempt
//   (it chose not to do them now; if it did nothing at all they wait one backoff step, so a handler that never
//   makes progress cannot spin the worker);
// - the handler threw: every unsettled item is retried after an exponential, jittered backoff, or becomes `failed`
//   with the error text once it has used its attempts (or at once when the error says it is not retryable, like a
//   ModelCallError for a bad API key);
// - the worker is stopping: unsettled items go back untouched, as if never claimed;
// - the lease was lost: when another worker holds the unit now, nothing is written (the items are its own); when
//   the loss was only our own stall (renewals blocked, e.g. behind a long transaction on pglite-socket) and the claim
//   row is still ours, unsettled items go back to pending — the attempt counts — and the unit is released at once
//   instead of staying blocked until the lease expires.
// Every write is fenced on our owner token, like ctx.complete.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import type { Claim } from './claim-unit';
import { errorText, type WorkerDb } from './engine-options';

export type SettleReason = 'returned' | 'threw' | 'stopped' | 'lost';

export type Settlement = {
  /** Items of the claim the handler completed or failed itself. */
  completed: number;
  failed: number;
  /** Unsettled items scheduled for another attempt after backoff. */
  retried: number;
  /** Unsettled items put back to pending at once (without spending an attempt, except after a lost lease). */
  released: number;
  /** Whether the unit has no pending or in-progress items left. */
  drained: boolean;
};

/** Longest retry delay, whatever the attempt number. */
const MAX_BACKOFF_MS = 3_600_000;

export async function settleClaim(
  db: WorkerDb,
  claim: Claim,
  outcome: { reason: SettleReason; error?: unknown; backoffBaseMs: number },
): Promise<Settlement> {
  const ids = claim.items.map((item) => item.id.toString());
  return db.$transaction(async (tx) => {
    if (outcome.reason === 'lost') return settleLostClaim(tx, claim, ids);
    // Claimed items were all in progress under our token; those settled now were settled by our handler.
    const [handled] = await tx.$queryRaw<{ completed: number; failed: number }[]>`
      SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
             count(*) FILTER (WHERE status = 'failed')::int AS failed
      FROM work_items WHERE id = ANY(${ids}::bigint[])`;
    const settlement: Settlement = { completed: handled?.completed ?? 0, failed: handled?.failed ?? 0, retried: 0, released: 0, drained: false };

    const mine = Prisma.sql`id = ANY(${ids}::bigint[]) AND status = 'in_progress' AND lease_owner = ${claim.owner}`;
    const base = outcome.backoffBaseMs;
    if (outcome.reason === 'threw') {
      const text = errorText(outcome.error);
      const permanent = (outcome.error as { retryable?: unknown } | null)?.retryable === false;
      const rows = await tx.$queryRaw<{ status: string }[]>`
        UPDATE work_items SET
          status = (CASE WHEN ${permanent} OR attempts >= max_attempts THEN 'failed' ELSE 'pending' END)::work_status,
          finished_at = CASE WHEN ${permanent} OR attempts >= max_attempts THEN now() ELSE NULL END,
          available_at = CASE WHEN ${permanent} OR attempts >= max_attempts THEN available_at
                         ELSE now() + LEAST(${MAX_BACKOFF_MS}, ${base} * power(2, GREATEST(attempts - 1, 0)))
                                      * (0.75 + random() * 0.5) * interval '1 millisecond' END,
          last_error = ${text}, lease_owner = NULL, lease_until = NULL
        WHERE ${mine}
        RETURNING status::text AS status`;
      settlement.retried = rows.filter((r) => r.status === 'pending').length;
      settlement.failed += rows.length - settlement.retried;
    } else {
      const idle = outcome.reason === 'returned' && settlement.completed + settlement.failed === 0;
      settlement.released = await tx.$executeRaw`
        UPDATE work_items SET status = 'pending', attempts = GREATEST(attempts - 1, 0), lease_owner = NULL,
          lease_until = NULL,
          available_at = CASE WHEN ${idle} THEN now() + ${base} * interval '1 millisecond' ELSE available_at END,
          -- Untouched items are as if never claimed (for derivation that means: not in backoff).
          started_at = CASE WHEN ${idle} THEN started_at ELSE NULL END
        WHERE ${mine}`;
    }
    await tx.$executeRaw`DELETE FROM work_unit_claims WHERE unit_key = ${claim.unitKey} AND owner = ${claim.owner}`;
    const [left] = await tx.$queryRaw<{ open: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM work_items WHERE unit_key = ${claim.unitKey} AND status IN ('pending', 'in_progress')) AS open`;
    settlement.drained = !left?.open;
    return settlement;
  }, transactionLimits('settle'));
}

async function settleLostClaim(tx: DbClient, claim: Claim, ids: string[]): Promise<Settlement> {
  const none: Settlement = { completed: 0, failed: 0, retried: 0, released: 0, drained: false };
  const [row] = await tx.$queryRaw<{ owned: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM work_unit_claims WHERE unit_key = ${claim.unitKey} AND owner = ${claim.owner}) AS owned`;
  if (!row?.owned) return none;
  none.released = await tx.$executeRaw`
    UPDATE work_items SET status = 'pending', lease_owner = NULL, lease_until = NULL
    WHERE id = ANY(${ids}::bigint[]) AND status = 'in_progress' AND lease_owner = ${claim.owner}`;
  await tx.$executeRaw`DELETE FROM work_unit_claims WHERE unit_key = ${claim.unitKey} AND owner = ${claim.owner}`;
  return none;
}

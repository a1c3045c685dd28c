import 'server-only';
// `ctx.complete` and `ctx.fail`: the handler's final writes, fenced on our lease inside the handler's own transaction.
// An item changes only while it is still in progress under our claim's owner token AND the unit's claim row is still
// ours; any shortfall means another worker took the unit over (or the sweeper gave it back) after our lease expired,
// so we throw LeaseLostError and the handler's transaction — results included — rolls back. That is what makes a
// crash or a stall produce neither duplicates nor gaps.
import type { DbClient } from '@/server/db/client';
import { LeaseLostError, type ClaimedItem } from './job-types';
import type { Claim } from './claim-unit';

function idsOf(claim: Claim, items: readonly ClaimedItem[]): string[] {
  const claimed = new Set(claim.items.map((item) => item.id));
  for (const item of items) {
    if (!claimed.has(item.id)) throw new Error(`Work item ${item.id} is not part of the claim on ${claim.unitKey}`);
  }
  return [...new Set(items.map((item) => item.id.toString()))];
}

export async function completeClaimedItems(tx: DbClient, claim: Claim, items: readonly ClaimedItem[]): Promise<void> {
  const ids = idsOf(claim, items);
  if (ids.length === 0) return;
  const updated = await tx.$executeRaw`
    UPDATE work_items SET status = 'completed', finished_at = now(), lease_owner = NULL, lease_until = NULL,
                          last_error = NULL
    WHERE id = ANY(${ids}::bigint[]) AND status = 'in_progress' AND lease_owner = ${claim.owner}
      AND EXISTS (SELECT 1 FROM work_unit_claims c WHERE c.unit_key = ${claim.unitKey} AND c.owner = ${claim.owner})`;
  if (updated !== ids.length) throw new LeaseLostError(claim.unitKey);
}

export async function failClaimedItem(tx: DbClient, claim: Claim, item: ClaimedItem, error: string): Promise<void> {
  const [id] = idsOf(claim, [item]);
  const updated = await tx.$executeRaw`
    UPDATE work_items SET status = 'failed', finished_at = now(), lease_owner = NULL, lease_until = NULL,
                          last_error = ${error.slice(0, 4_000)}
    WHERE id = ${id}::bigint AND status = 'in_progress' AND lease_owner = ${claim.owner}
      AND EXISTS (SELECT 1 FROM work_unit_claims c WHERE c.unit_key = ${claim.unitKey} AND c.owner = ${claim.owner})`;
  if (updated !== 1) throw new LeaseLostError(claim.unitKey);
}

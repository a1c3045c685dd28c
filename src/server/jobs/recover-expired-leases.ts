import 'server-only';
// Items whose lease ran out while in progress belonged to a worker that crashed, was killed, or stalled past its
// lease. They go back to pending — the attempt counts, so an item that kills its worker every time still ends up
// `failed` instead of looping forever — and the stale claim rows are dropped so the units can be claimed again.
// Used by the sweeper (all units) and by claimUnit when it takes over one expired unit.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';

export const LEASE_EXPIRED_ERROR =
  'The worker processing this item stopped renewing its lease (crashed, killed or stalled); the attempt was abandoned';

export type RecoveredLeases = { requeued: number; failed: number; claimsDropped: number };

export async function recoverExpiredLeases(tx: DbClient, unitKey?: string): Promise<RecoveredLeases> {
  const unitFilter = unitKey === undefined ? Prisma.empty : Prisma.sql`AND unit_key = ${unitKey}`;
  const items = await tx.$queryRaw<{ status: 'pending' | 'failed' }[]>`
    UPDATE work_items SET
      status = (CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END)::work_status,
      finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
      last_error = ${LEASE_EXPIRED_ERROR},
      lease_owner = NULL,
      lease_until = NULL
    WHERE status = 'in_progress' AND (lease_until IS NULL OR lease_until < now()) ${unitFilter}
    RETURNING status::text AS status`;
  const claims =
    unitKey === undefined
      ? await tx.$executeRaw`DELETE FROM work_unit_claims WHERE lease_until < now()`
      : 0; // claimUnit has just overwritten this unit's expired claim row with its own.
  return {
    requeued: items.filter((i) => i.status === 'pending').length,
    failed: items.filter((i) => i.status === 'failed').length,
    claimsDropped: claims,
  };
}

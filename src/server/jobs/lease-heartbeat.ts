import 'server-only';
// Keeps a claim's lease alive while its handler runs: every third of the lease, the claim row and its in-progress
// items are extended in one statement. When the claim row is no longer ours (the sweeper dropped it, another worker
// took it over) or renewals keep failing until the lease is about to run out, the claim counts as lost and `onLost`
// fires, which aborts the handler's signal: its fenced writes would be refused anyway, so it should stop spending
// model calls.
import type { Claim } from './claim-unit';
import type { WorkerDb, WorkerLog } from './engine-options';

export type Heartbeat = { stop(): void };

export function startHeartbeat(db: WorkerDb, claim: Claim, options: { onLost: (reason: string) => void; log: WorkerLog }): Heartbeat {
  const { leaseMs } = claim;
  // Renew every third of the lease; give up a quarter before expiry (checked every sixth), so a handler is told
  // before another worker can take the unit over.
  const renewEvery = Math.floor(leaseMs / 3);
  const giveUpAfter = leaseMs - Math.floor(leaseMs / 4);
  const tick = Math.max(20, Math.floor(leaseMs / 6));
  const ids = claim.items.map((item) => item.id.toString());
  let renewedAt = Date.now();
  let attemptedAt = renewedAt;
  let stopped = false;
  let renewing = false;

  const lose = (reason: string) => {
    if (stopped) return;
    stop();
    options.onLost(reason);
  };

  const renew = async () => {
    if (renewing || stopped) return;
    renewing = true;
    const started = Date.now();
    attemptedAt = started;
    try {
      const [row] = await db.$queryRaw<{ claims: number }[]>`
        WITH claim AS (
          UPDATE work_unit_claims SET lease_until = now() + ${leaseMs} * interval '1 millisecond'
          WHERE unit_key = ${claim.unitKey} AND owner = ${claim.owner}
          RETURNING 1
        ), items AS (
          UPDATE work_items SET lease_until = now() + ${leaseMs} * interval '1 millisecond'
          WHERE id = ANY(${ids}::bigint[]) AND status = 'in_progress' AND lease_owner = ${claim.owner}
            AND EXISTS (SELECT 1 FROM claim)
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM claim)::int AS claims, (SELECT count(*) FROM items)::int AS items`;
      if ((row?.claims ?? 0) === 0) lose('claim row taken over or removed');
      else renewedAt = started;
    } catch (error) {
      options.log('lease renewal failed', { unit: claim.unitKey, error: error instanceof Error ? error.message : String(error) });
    } finally {
      renewing = false;
    }
  };

  const timer = setInterval(() => {
    const now = Date.now();
    if (now - renewedAt >= giveUpAfter) lose('lease could not be renewed in time');
    else if (now - attemptedAt >= renewEvery) void renew();
  }, tick);
  timer.unref?.();

  function stop() {
    stopped = true;
    clearInterval(timer);
  }
  return { stop };
}

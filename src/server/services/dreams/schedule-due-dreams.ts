import 'server-only';
// Automatic dreams (docs/api.md#s5-6), run on the worker sweeper's tick: a view is due when it has gained at least
// DREAM_MIN_EXPLICIT_CONCLUSIONS explicit conclusions since its last dream, that dream is at least
// DREAM_MIN_HOURS_BETWEEN old (or there was none), and the observed peer has been quiet for DREAM_IDLE_MINUTES —
// so a new message from that peer postpones the dream. Views with a dream already pending or running, and
// workspaces with `dream.enabled: false`, are skipped. Idempotent: several workers sweeping at once enqueue one
// dream per view (enqueueDream serialises on the view).
import type { DbClient } from '@/server/db/client';
import { effectiveDreamEnabled } from './dream-configuration';
import { dreamThresholds, dreamsEnabledGlobally } from '@/server/config/dream-config';
import { dreamUnitKey, enqueueDream } from './enqueue-dream';

/** Anything with a transaction: the app's client or the worker's. */
export type TransactionalDb = DbClient & { $transaction: <T>(fn: (tx: DbClient) => Promise<T>) => Promise<T> };

/** Views examined per tick; the rest are found on later ticks. */
const BATCH = 100;

type DueView = {
  workspaceId: string;
  observerId: string;
  observedId: string;
  observerName: string;
  observedName: string;
  configuration: unknown;
};

/** Returns how many dreams were enqueued. */
export async function scheduleDueDreams(db: TransactionalDb, now: Date = new Date()): Promise<number> {
  if (!dreamsEnabledGlobally()) return 0;
  const { minExplicit, minIntervalMs, idleMs } = dreamThresholds();
  const lastDreamBefore = new Date(now.getTime() - minIntervalMs);
  const quietSince = new Date(now.getTime() - idleMs);
  // Activity = the later of what derivation recorded and the observed peer's latest stored message (by insertion
  // time: a client may backdate `created_at`, but it cannot backdate when it spoke to us).
  const due = await db.$queryRaw<DueView[]>`
    SELECT pv.workspace_id AS "workspaceId", pv.observer_id AS "observerId", pv.observed_id AS "observedId",
           op.name AS "observerName", od.name AS "observedName", w.configuration
    FROM peer_views pv
    JOIN workspaces w ON w.id = pv.workspace_id
    JOIN peers op ON op.id = pv.observer_id AND op.deleted_at IS NULL AND op.kind = 'peer'
    JOIN peers od ON od.id = pv.observed_id AND od.deleted_at IS NULL AND od.kind = 'peer'
    WHERE pv.explicit_since_dream >= ${minExplicit}
      AND (pv.last_dream_at IS NULL OR pv.last_dream_at <= ${lastDreamBefore})
      AND COALESCE(GREATEST(pv.last_observed_activity, (
            SELECT m.inserted_at FROM messages m
            WHERE m.workspace_id = pv.workspace_id AND m.peer_id = pv.observed_id
            ORDER BY m.inserted_order DESC LIMIT 1)), '-infinity'::timestamptz) <= ${quietSince}
      AND NOT EXISTS (
            SELECT 1 FROM work_items wi
            WHERE wi.workspace_id = pv.workspace_id AND wi.kind = 'dream' AND wi.status IN ('pending', 'in_progress')
              AND wi.unit_key = 'dream:' || pv.observer_id || ':' || pv.observed_id)
    ORDER BY pv.explicit_since_dream DESC, pv.observer_id, pv.observed_id
    LIMIT ${BATCH}`;

  let enqueued = 0;
  for (const view of due) {
    if (!effectiveDreamEnabled([view.configuration])) continue;
    const observer = { id: view.observerId, name: view.observerName };
    const observed = { id: view.observedId, name: view.observedName };
    const added = await db.$transaction(async (tx) => {
      // enqueueDream only refuses an *identical* dream (and serialises racing sweepers on the view); an automatic
      // dream also yields to any other dream of the view still waiting or running.
      const pending = await tx.workItem.count({
        where: { workspaceId: view.workspaceId, kind: 'dream', status: { in: ['pending', 'in_progress'] }, unitKey: dreamUnitKey(observer, observed) },
      });
      if (pending > 0) return false;
      return enqueueDream(tx, { workspaceId: view.workspaceId, observer, observed, dreamType: 'omni', session: null, rebuild: false, automatic: true });
    });
    if (added) enqueued += 1;
  }
  return enqueued;
}

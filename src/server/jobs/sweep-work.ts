import 'server-only';
// The sweeper, run periodically by every worker (cheap and idempotent, so several workers sweeping at once is fine):
// 1. items whose lease expired go back to pending (or to failed once their attempts are spent), stale claims go;
// 2. finished items past their retention are purged (completed after 24 h, failed after 30 days by default), in
//    bounded chunks so no single statement holds the table — or pglite-socket's one backend — for long.
import { errorText, type WorkerDb, type WorkerLog } from './engine-options';
import { recoverExpiredLeases, type RecoveredLeases } from './recover-expired-leases';

export type SweepResult = RecoveredLeases & { purged: number };

/** Periodic work other features hang on the sweeper's tick (e.g. automatic dream scheduling). */
export type SweepTask = { name: string; run: (db: WorkerDb, now: Date) => Promise<unknown> };

const PURGE_CHUNK = 5_000;

export async function sweepWork(
  db: WorkerDb,
  options: { retention: { completedMs: number; failedMs: number }; tasks?: readonly SweepTask[]; log?: WorkerLog },
): Promise<SweepResult> {
  const recovered = await db.$transaction((tx) => recoverExpiredLeases(tx));
  let purged = 0;
  for (const [status, keepMs] of [['completed', options.retention.completedMs], ['failed', options.retention.failedMs]] as const) {
    for (;;) {
      const deleted = await db.$executeRaw`
        DELETE FROM work_items WHERE id IN (
          SELECT id FROM work_items
          WHERE status = ${status}::work_status AND finished_at < now() - ${keepMs} * interval '1 millisecond'
          LIMIT ${PURGE_CHUNK})`;
      purged += deleted;
      if (deleted < PURGE_CHUNK) break;
    }
  }
  // Turn rows of deleted workspaces (the table has no foreign key, so enqueues never wait on the workspace row).
  await db.$executeRaw`
    DELETE FROM work_workspace_turns t WHERE NOT EXISTS (SELECT 1 FROM workspaces w WHERE w.id = t.workspace_id)`;
  for (const task of options.tasks ?? []) {
    // One failing task must not stop lease recovery, which matters far more.
    await task.run(db, new Date()).catch((error: unknown) => options.log?.('sweep task failed', { task: task.name, error: errorText(error) }));
  }
  const result = { ...recovered, purged };
  if (result.requeued + result.failed + result.claimsDropped + result.purged > 0) options.log?.('swept', result);
  return result;
}

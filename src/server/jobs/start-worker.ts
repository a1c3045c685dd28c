import 'server-only';
// The long-running worker loop, the same code inside the Next server (instrumentation.ts), in `npm run worker`, and
// in tests: claim what is runnable into free slots, sweep every `sweepMs`, sleep `pollMs` or until a batch finishes.
// A database outage only logs and retries on the next poll; nothing is lost, because the work is rows.
import { readWorkerConfig } from '@/server/config/worker-config';
import { errorText, type EngineOptions, type WorkerLog } from './engine-options';
import { DEFAULT_SWEEP_TASKS } from './default-sweep-tasks';
import { sweepWork, type SweepTask } from './sweep-work';
import { WorkerPool, type PoolTotals } from './worker-pool';

export type StartWorkerOptions = EngineOptions & {
  concurrency?: number;
  pollMs?: number;
  sweepMs?: number;
  retention?: { completedMs: number; failedMs: number };
  /** Periodic work run with every sweep; defaults to DEFAULT_SWEEP_TASKS (automatic dream scheduling). */
  sweepTasks?: readonly SweepTask[];
  /** Default grace period of stop(); QUEUE_SHUTDOWN_GRACE_MS (10 s) unless given. */
  shutdownGraceMs?: number;
};

export type WorkerHandle = {
  workerId: string;
  /**
   * Stops claiming at once, lets running batches finish for up to `graceMs`, then aborts the rest: their unsettled
   * items go back to pending without spending an attempt and their claims are deleted, so another worker can take
   * them immediately instead of waiting for the lease to expire.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  totals(): PoolTotals;
};

export function startWorker(options: StartWorkerOptions): WorkerHandle {
  const config = readWorkerConfig();
  const concurrency = options.concurrency ?? config.concurrency;
  const pollMs = options.pollMs ?? config.pollMs;
  const sweepMs = options.sweepMs ?? config.sweepMs;
  const pool = new WorkerPool({
    ...options,
    concurrency,
    leaseMs: options.leaseMs ?? config.leaseMs,
    backoffBaseMs: options.backoffBaseMs ?? config.backoffBaseMs,
  });
  const log: WorkerLog = pool.log;

  // Set by stop(); the loop waits for it after its last poll.
  let shutdown: Promise<void> = Promise.resolve();
  const loop = (async () => {
    log('worker started', { concurrency, pollMs });
    let nextSweep = 0;
    let failures = 0;
    while (!pool.closing) {
      try {
        if (Date.now() >= nextSweep) {
          nextSweep = Date.now() + sweepMs;
          await sweepWork(options.db, { retention: options.retention ?? config.retention, tasks: options.sweepTasks ?? DEFAULT_SWEEP_TASKS, log });
        }
        await pool.fill();
        failures = 0;
      } catch (error) {
        failures += 1;
        // Back off while the database is unreachable instead of logging every poll.
        if (failures === 1 || failures % 30 === 0) log('poll failed', { error: errorText(error), failures });
      }
      await pool.waitForChange(failures > 0 ? Math.min(pollMs * 2 ** Math.min(failures, 5), 30_000) : pollMs);
    }
    await shutdown;
    log('worker stopped', { ...pool.totals });
  })();

  return {
    workerId: pool.workerId,
    totals: () => ({ ...pool.totals }),
    async stop(stopOptions = {}) {
      if (!pool.closing) shutdown = pool.shutdown(stopOptions.graceMs ?? options.shutdownGraceMs ?? config.shutdownGraceMs);
      // A second, impatient stop (a second Ctrl-C) cuts the grace period short.
      else if (stopOptions.graceMs === 0) pool.stop();
      await loop;
    },
  };
}

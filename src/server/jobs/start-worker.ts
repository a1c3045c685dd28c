import 'server-only';
// The long-running worker loop, the same code inside the Next server (instrumentation.ts), in `npm run worker`, and
// in tests: claim what is runnable into free slots, sweep every `sweepMs`, then sleep until a batch finishes, a
// NOTIFY announces work (real server), the earliest debounced unit becomes due, or the idle backoff (100 ms doubling
// to `pollMs`) runs out. A database outage only logs and retries; nothing is lost, because the work is rows.
import { readWorkerConfig } from '@/server/config/worker-config';
import { readDatabaseConfig } from '@/server/config/database-config';
import { databaseUnavailable } from '@/server/db/database-unavailable';
import { errorText, type EngineOptions, type WorkerLog } from './engine-options';
import { nextDueInMs } from './find-runnable-units';
import { idleDelayMs } from './idle-delay';
import { listenForWork, type WorkListener } from './work-notifications';
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
  /** Shortest idle sleep, right after work was found (default 100 ms, at most pollMs). */
  idleMinMs?: number;
  /** Where to LISTEN for new work; defaults to DATABASE_URL, null turns it off (polling only). */
  listenUrl?: string | null;
};

export type WorkerStats = {
  polls: number;
  notifications: number;
  /** off: no URL to listen on; probing: LISTEN being set up; on: NOTIFY wakes the worker; unavailable: polling only. */
  listener: 'off' | 'probing' | 'on' | 'unavailable';
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
  /** Poll and wake-up counters: what tests and the bench observe instead of timing sleeps. */
  stats(): WorkerStats;
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
  const stats: WorkerStats = { polls: 0, notifications: 0, listener: 'off' };
  const idleMinMs = Math.min(options.idleMinMs ?? 100, pollMs);
  const listenUrl = options.listenUrl === undefined ? readDatabaseConfig().url : options.listenUrl;
  // Held in an object: the listener is replaced from callbacks, which control-flow narrowing cannot follow.
  const live: { listener: WorkListener | null } = { listener: null };
  let listening: Promise<void> | null = null;
  const listen = () => {
    if (!listenUrl || listening || live.listener?.alive || pool.closing) return;
    stats.listener = 'probing';
    listening = listenForWork(listenUrl, options.db, {
      log,
      onWork: () => {
        stats.notifications += 1;
        pool.wake();
      },
    })
      .then((opened) => {
        live.listener = opened;
        stats.listener = opened ? 'on' : 'unavailable';
        if (pool.closing) void opened?.close();
      })
      .finally(() => (listening = null));
  };

  const loop = (async () => {
    log('worker started', { concurrency, pollMs });
    let nextSweep = 0;
    let failures = 0;
    let idlePolls = 0;
    while (!pool.closing) {
      let dueInMs: number | null = null;
      try {
        if (Date.now() >= nextSweep) {
          nextSweep = Date.now() + sweepMs;
          await sweepWork(options.db, { retention: options.retention ?? config.retention, tasks: options.sweepTasks ?? DEFAULT_SWEEP_TASKS, log });
          // (Re)open the listener in the background; polling covers the time until it is up, or for good.
          if (stats.listener === 'on' && !live.listener?.alive) stats.listener = 'unavailable';
          listen();
        }
        stats.polls += 1;
        const started = await pool.fill();
        idlePolls = started > 0 ? 0 : idlePolls + 1;
        dueInMs = await nextDueInMs(options.db);
        if (failures > 0) log('poll recovered', { failures });
        failures = 0;
      } catch (error) {
        failures += 1;
        // Back off while the database is unreachable instead of logging every poll. An outage is said as such (a
        // restart or overload the worker rides out), apart from errors that need someone to look.
        const unavailable = databaseUnavailable(error);
        if (failures === 1 || failures % 30 === 0) {
          if (unavailable) log('database unavailable, will retry', { reason: unavailable.reason, error: errorText(error), failures });
          else log('poll failed', { error: errorText(error), failures });
        }
      }
      await pool.waitForChange(
        failures > 0 ? Math.min(pollMs * 2 ** Math.min(failures, 5), 30_000) : idleDelayMs({ idlePolls, minMs: idleMinMs, maxMs: pollMs, dueInMs }),
      );
    }
    await shutdown;
    await listening;
    await live.listener?.close();
    log('worker stopped', { ...pool.totals });
  })();

  return {
    workerId: pool.workerId,
    totals: () => ({ ...pool.totals }),
    stats: () => ({ ...stats }),
    async stop(stopOptions = {}) {
      if (!pool.closing) shutdown = pool.shutdown(stopOptions.graceMs ?? options.shutdownGraceMs ?? config.shutdownGraceMs);
      // A second, impatient stop (a second Ctrl-C) cuts the grace period short.
      else if (stopOptions.graceMs === 0) pool.stop();
      await loop;
    },
  };
}

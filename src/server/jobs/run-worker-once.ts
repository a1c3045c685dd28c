import 'server-only';
// One bounded pass of the worker, for the cron route (serverless platforms have no long-lived process) and for tests:
// sweep, then keep claiming and running whatever is runnable until nothing is, or until the time budget is spent.
// New units are claimed only until a grace period before the budget ends; at the end, batches still running are
// aborted and their unsettled items go back to pending without losing an attempt.
import { readWorkerConfig } from '@/server/config/worker-config';
import type { EngineOptions } from './engine-options';
import { DEFAULT_SWEEP_TASKS } from './default-sweep-tasks';
import { sweepWork, type SweepResult, type SweepTask } from './sweep-work';
import { WorkerPool, type PoolTotals } from './worker-pool';

export type RunWorkerOnceOptions = EngineOptions & {
  concurrency?: number;
  /** Wall-clock budget of the whole pass (default WORKER_TICK_BUDGET_MS, 50 s). */
  budgetMs?: number;
  retention?: { completedMs: number; failedMs: number };
  /** Periodic work run with the sweep; defaults to DEFAULT_SWEEP_TASKS (automatic dream scheduling). */
  sweepTasks?: readonly SweepTask[];
};

export type WorkerPassReport = PoolTotals & {
  workerId: string;
  sweep: SweepResult;
  durationMs: number;
  /** True when the budget ran out with work still runnable or running. */
  budgetExhausted: boolean;
};

export async function runWorkerOnce(options: RunWorkerOnceOptions): Promise<WorkerPassReport> {
  const config = readWorkerConfig();
  const started = Date.now();
  const budgetMs = options.budgetMs ?? config.tickBudgetMs;
  const pool = new WorkerPool({
    ...options,
    concurrency: options.concurrency ?? config.concurrency,
    leaseMs: options.leaseMs ?? config.leaseMs,
    backoffBaseMs: options.backoffBaseMs ?? config.backoffBaseMs,
  });
  // Leave handlers a fifth of the budget (at most 10 s) to finish the batches they already hold.
  const claimUntil = started + budgetMs - Math.min(budgetMs / 5, 10_000);
  let budgetExhausted = false;
  const timer = setTimeout(() => {
    budgetExhausted = true;
    pool.stop();
  }, budgetMs);
  try {
    const sweep = await sweepWork(options.db, { retention: options.retention ?? config.retention, tasks: options.sweepTasks ?? DEFAULT_SWEEP_TASKS, log: pool.log });
    while (!pool.stopping) {
      const claiming = Date.now() < claimUntil;
      const startedNow = claiming ? await pool.fill() : 0;
      if (pool.busy === 0) {
        // Nothing running and nothing (more) claimable: the queue holds no runnable work, or the window closed.
        if (!claiming) budgetExhausted = true;
        if (startedNow === 0 || !claiming) break;
        continue;
      }
      const until = claiming ? claimUntil : started + budgetMs;
      await pool.waitForChange(Math.max(10, until - Date.now()));
    }
    await pool.drain();
    return { workerId: pool.workerId, sweep, ...pool.totals, durationMs: Date.now() - started, budgetExhausted };
  } finally {
    clearTimeout(timer);
    pool.stop();
    await pool.drain();
  }
}

// Background worker settings, read from the environment (documented in README's configuration table). Every value
// has a default that suits one self-hosted server; tests pass their own values straight to the engine instead.
import { z } from 'zod';
import { flag, milliseconds as ms } from './env-values';
import { parseEnv, type EnvSource } from './parse-env';

const schema = z.object({
  // Serverless platforms freeze the process between requests, so an in-process loop there would never run: Vercel
  // sets VERCEL=1 and gets the cron route instead.
  WORKER_IN_PROCESS: flag,
  VERCEL: z.string().optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  WORKER_POLL_MS: ms(2_000, 50),
  WORKER_LEASE_MS: ms(60_000, 1_000),
  WORKER_BACKOFF_BASE_MS: ms(5_000, 10),
  WORKER_SWEEP_MS: ms(15_000, 100),
  WORKER_TICK_BUDGET_MS: ms(50_000, 1_000),
  QUEUE_SHUTDOWN_GRACE_MS: ms(10_000, 0),
  WORK_RETENTION_COMPLETED_HOURS: z.coerce.number().min(0).default(24),
  WORK_RETENTION_FAILED_DAYS: z.coerce.number().min(0).default(30),
  CRON_SECRET: z.string().optional(),
});

export type WorkerConfig = {
  inProcess: boolean;
  concurrency: number;
  pollMs: number;
  /** How long a claim stays ours without a heartbeat; a crashed worker's units are taken over after this. */
  leaseMs: number;
  /** First retry delay; doubles with every further attempt (jittered). */
  backoffBaseMs: number;
  sweepMs: number;
  /** Wall-clock budget of one cron tick (Vercel functions are cut off at 60 s by default). */
  tickBudgetMs: number;
  retention: { completedMs: number; failedMs: number };
  /** On SIGTERM/SIGINT, how long running batches may finish before they are aborted and their claims released. */
  shutdownGraceMs: number;
  /** `Authorization: Bearer <secret>` required on GET /api/worker/tick when set. */
  cronSecret: string | null;
};

export function readWorkerConfig(env: EnvSource = process.env): WorkerConfig {
  const e = parseEnv(schema, env);
  return {
    inProcess: e.WORKER_IN_PROCESS ?? !e.VERCEL,
    concurrency: e.WORKER_CONCURRENCY,
    pollMs: e.WORKER_POLL_MS,
    leaseMs: e.WORKER_LEASE_MS,
    backoffBaseMs: e.WORKER_BACKOFF_BASE_MS,
    sweepMs: e.WORKER_SWEEP_MS,
    tickBudgetMs: e.WORKER_TICK_BUDGET_MS,
    retention: {
      completedMs: e.WORK_RETENTION_COMPLETED_HOURS * 3_600_000,
      failedMs: e.WORK_RETENTION_FAILED_DAYS * 86_400_000,
    },
    shutdownGraceMs: e.QUEUE_SHUTDOWN_GRACE_MS,
    cronSecret: e.CRON_SECRET ? e.CRON_SECRET : null,
  };
}

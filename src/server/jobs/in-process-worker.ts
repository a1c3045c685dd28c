import 'server-only';
// The worker inside the Next server process (the default for a self-hosted server), started from instrumentation.ts.
// Next's dev server re-evaluates modules on every edit, so the handle lives on globalThis: a reload must not start a
// second loop in the same process (two loops would be harmless, only wasteful, but their logs would confuse).
import { readDatabaseConfig } from '@/server/config/database-config';
import { readWorkerConfig } from '@/server/config/worker-config';
import { getDb } from '@/server/db/client';
import { logger } from '@/server/observability/logger';
import { drainOnSignals } from './drain-on-signals';
import { startWorker, type WorkerHandle } from './start-worker';

const holder = globalThis as unknown as { rapportInProcessWorker?: WorkerHandle };

/** Starts the in-process worker unless WORKER_IN_PROCESS is off (or on Vercel); idempotent per process. */
export function startInProcessWorker(): WorkerHandle | null {
  if (holder.rapportInProcessWorker) return holder.rapportInProcessWorker;
  if (!readWorkerConfig().inProcess) {
    logger().info('in-process worker disabled (WORKER_IN_PROCESS=false or serverless): run `npm run worker` or the cron tick');
    return null;
  }
  if (!readDatabaseConfig().url) {
    logger().warn('in-process worker not started: DATABASE_URL is not set');
    return null;
  }
  holder.rapportInProcessWorker = startWorker({ db: getDb() });
  drainOnSignals(stopInProcessWorker, { log: (line) => logger().info(line) });
  return holder.rapportInProcessWorker;
}

/**
 * Stops the in-process worker, if one runs, with its grace period (QUEUE_SHUTDOWN_GRACE_MS): on SIGTERM/SIGINT, in
 * tests, and for hosts that shut the server down programmatically.
 */
export async function stopInProcessWorker(): Promise<void> {
  const handle = holder.rapportInProcessWorker;
  holder.rapportInProcessWorker = undefined;
  await handle?.stop();
}

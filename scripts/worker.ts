// `npm run worker`: the background worker as its own process, for scale-out (run as many as you like against one
// database; claims keep them from ever processing one unit twice at once). Connects to DATABASE_URL, or to the
// embedded database of a running `npm run dev` / `npm start` (published in .data/embedded-postgres.json) — it never
// opens the embedded data directory itself, which only the launcher may do. SIGINT/SIGTERM stop it cleanly: it claims
// nothing more, running batches get QUEUE_SHUTDOWN_GRACE_MS (10 s) to finish, then the rest are aborted and their
// unfinished items go back to the queue at once, without losing an attempt. A second signal skips the grace period.
import path from 'node:path';
import { checkEnvironment } from '@/server/config/check-environment';
import { readDatabaseConfig } from '@/server/config/database-config';
import { readObservabilityConfig } from '@/server/config/observability-config';
import { createLogger, logger, setLogger } from '@/server/observability/logger';
import { startMetricsServer, type MetricsServer } from '@/server/observability/metrics-server';
import { startTracing, stopTracing } from '@/server/observability/tracing';
import { prettyLogStream } from './pretty-logs';
import { closeDb, getDb } from '@/server/db/client';
import { startWorker } from '@/server/jobs/start-worker';
import { runningEmbeddedUrl } from './embedded-connection';

const log = (line: string) => logger().info(line);
/** Copies of one signal arrive within this window; a later one is a second signal. */
const REPEATED_SIGNAL_MS = 1_000;

async function main(): Promise<void> {
  checkEnvironment();
  if (readObservabilityConfig().logFormat === 'pretty') {
    const pretty = await prettyLogStream();
    if (pretty) setLogger(createLogger(pretty));
  }
  if (await startTracing()) log('exporting traces over OTLP');
  const dataDir = path.resolve(process.env.RAPPORT_DATA_DIR ?? '.data');
  const configured = readDatabaseConfig().url;
  const url = configured ?? runningEmbeddedUrl(dataDir);
  if (!url) {
    throw new Error('No database: set DATABASE_URL, or start Rapport first (`npm run dev` / `npm start`) so the worker can use its embedded database.');
  }
  process.env.DATABASE_URL = url;
  if (!configured) process.env.RAPPORT_DATABASE_MODE = 'embedded';
  const worker = startWorker({ db: getDb() });
  const observability = readObservabilityConfig();
  let metricsServer: MetricsServer | undefined;
  if (observability.workerMetricsPort !== null) {
    if (!observability.metricsToken) log('WORKER_METRICS_PORT is set but METRICS_TOKEN is not: metrics stay off');
    else {
      metricsServer = await startMetricsServer(observability.workerMetricsPort, observability.workerMetricsHost);
      log(`metrics on http://${observability.workerMetricsHost}:${metricsServer.port}/metrics`);
    }
  }
  let stopping = false;
  let firstSignalAt = 0;
  const stop = async (signal: string, exitCode = 0) => {
    if (stopping) {
      // A signal sent to the whole process group (systemd's default, Ctrl-C in a terminal) arrives more than once:
      // directly and relayed by npm. Only a signal sent after that — an operator insisting — skips the grace period.
      if (Date.now() - firstSignalAt > REPEATED_SIGNAL_MS) void worker.stop({ graceMs: 0 });
      return;
    }
    stopping = true;
    firstSignalAt = Date.now();
    log(`${signal}: stopping the worker`);
    await worker.stop().catch((error: unknown) => log(`stopping failed: ${describe(error)}`));
    await metricsServer?.close();
    await stopTracing().catch(() => {});
    await closeDb().catch(() => {});
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A promise nobody awaited rejected (a library's background retry, a webhook socket…). The queue's state is rows in
  // the database and every batch settles in its own transaction, so one stray rejection corrupts nothing: log it and
  // keep working. Exiting would abort every running batch and, under a supervisor, restart into the same situation.
  process.on('unhandledRejection', (reason) => {
    log(`unhandled rejection (worker keeps running): ${describe(reason)}`);
  });
  // A synchronous throw nobody caught may have left this process's own state half-updated (Node's guidance: do not
  // resume). Stop cleanly — running batches give their items back — and exit non-zero so a supervisor restarts us.
  process.on('uncaughtException', (error) => {
    log(`uncaught exception, stopping: ${describe(error)}`);
    process.exitCode = 1;
    void stop('uncaughtException', 1);
  });
}

function describe(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
}

main().catch((error: unknown) => {
  console.error(`[rapport] worker failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

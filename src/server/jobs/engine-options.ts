import 'server-only';
// What every entry point of the queue engine (in-process worker, `npm run worker`, the cron tick, tests) hands to it.
// Handlers default to the registry and engines to the configured models, so production code passes only `db`; tests
// inject small handlers and short leases.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ModelEngines } from '@/server/models/engine-types';
import { logger } from '@/server/observability/logger';
import { jobHandlers } from './job-handlers';
import type { JobContext, JobHandler, WorkKind } from './job-types';

export type WorkerDb = JobContext['db'];

export type HandlerMap = Partial<Record<WorkKind, JobHandler>>;

/** One line per event: `event key=value …`. */
export type WorkerLog = (event: string, fields?: Record<string, unknown>) => void;

export type EngineOptions = {
  db: WorkerDb;
  /** Defaults to getModelEngines(), resolved for every claim so tests can swap engines between runs. */
  engines?: ModelEngines | (() => ModelEngines);
  /** Defaults to the job handler registry. Kinds without a handler are never claimed. */
  handlers?: HandlerMap;
  /** Unique per process; claims are owned by `<workerId>/<claim number>`. */
  workerId?: string;
  leaseMs?: number;
  backoffBaseMs?: number;
  log?: WorkerLog;
};

export function defaultHandlers(options: { handlers?: HandlerMap }): HandlerMap {
  return options.handlers ?? jobHandlers;
}

/** A worker id that differs between processes and restarts, readable in the console (`host:pid:random`). */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** The default log: one structured line per event on the process logger, tagged with the worker's id. */
export function loggerWorkerLog(workerId: string): WorkerLog {
  return (event, fields = {}) => {
    const log = logger();
    const line = { worker: workerId, ...fields };
    if (event === 'run failed' || event.endsWith(' failed')) log.warn(line, event);
    else log.info(line, event);
  };
}

/** Text stored as `last_error`: the thrown message (provider words included) and its cause, bounded. */
export function errorText(error: unknown): string {
  let text = error instanceof Error ? error.message || error.name : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && cause.message && !text.includes(cause.message)) text += ` (cause: ${cause.message})`;
  return text.length > 4_000 ? `${text.slice(0, 4_000)}…` : text;
}

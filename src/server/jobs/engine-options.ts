import 'server-only';
// What every entry point of the queue engine (in-process worker, `npm run worker`, the cron tick, tests) hands to it.
// Handlers default to the registry and engines to the configured models, so production code passes only `db`; tests
// inject small handlers and short leases.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ModelEngines } from '@/server/models/engine-types';
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

function formatValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  // One event, one line: error texts and payloads may contain newlines.
  const flat = text.replace(/\s+/g, ' ');
  return /[\s="]/.test(flat) || flat === '' ? JSON.stringify(flat) : flat;
}

/** The default log: `[rapport worker <id>] event key=value …` on stdout. */
export function consoleWorkerLog(workerId: string): WorkerLog {
  return (event, fields = {}) => {
    const pairs = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${formatValue(v)}`);
    console.log([`[rapport worker ${workerId}]`, event, ...pairs].join(' '));
  };
}

/** Text stored as `last_error`: the thrown message (provider words included) and its cause, bounded. */
export function errorText(error: unknown): string {
  let text = error instanceof Error ? error.message || error.name : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && cause.message && !text.includes(cause.message)) text += ` (cause: ${cause.message})`;
  return text.length > 4_000 ? `${text.slice(0, 4_000)}…` : text;
}

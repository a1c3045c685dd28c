import 'server-only';
// The process's Prometheus registry and every metric Rapport records (docs/operations.md lists them). Names follow
// Honcho's where the same thing is counted, so dashboards carry over. Labels only ever take values from closed sets
// (route templates, task names, queue kinds), never ids or raw paths, so the number of series stays bounded; every
// known label set starts at zero, so a rate() over a counter that has not moved yet is 0, not "no data".
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { REASONING_LEVELS } from '@/contracts/chat';
import { routes } from '@/contracts/routes';

export const MODEL_TASKS = ['deriver', 'summary', 'dream', 'dialectic'] as const;
export const TOKEN_DIRECTIONS = ['input', 'output'] as const;
export const WORK_KINDS = ['derivation', 'summary', 'dream', 'embedding', 'webhook', 'backfill'] as const;
/** Queue states counted at scrape time: completed items are counted by deriver_queue_items_processed_total instead. */
export const QUEUE_STATES = ['pending', 'in_progress', 'failed'] as const;
export const RUN_OUTCOMES = ['returned', 'threw', 'lost', 'stopped'] as const;
/** The endpoint label of a request no route template matched. */
export const UNMATCHED_ENDPOINT = 'unmatched';

function buildMetrics(registry: Registry) {
  const m = {
    apiRequests: new Counter({
      name: 'api_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames: ['method', 'endpoint', 'status_code'] as const,
      registers: [registry],
    }),
    apiDuration: new Histogram({
      name: 'api_request_duration_seconds',
      help: 'Time from receiving a request to its response headers, by method and route template.',
      labelNames: ['method', 'endpoint'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'api_rate_limited_total',
      help: 'Requests answered 429 because a rate limit was spent, by route template.',
      labelNames: ['endpoint'] as const,
      registers: [registry],
    }),
    messagesCreated: new Counter({
      name: 'messages_created_total',
      help: 'Messages stored (single, batch and upload writes).',
      registers: [registry],
    }),
    queueItemsProcessed: new Counter({
      name: 'deriver_queue_items_processed_total',
      help: 'Queue items completed by a worker, by kind of work.',
      labelNames: ['task_type'] as const,
      registers: [registry],
    }),
    queueItemsFailed: new Counter({
      name: 'queue_items_failed_total',
      help: 'Queue items that used up their attempts and were marked failed, by kind of work.',
      labelNames: ['task_type'] as const,
      registers: [registry],
    }),
    workerRuns: new Counter({
      name: 'worker_runs_total',
      help: 'Claimed batches run by a worker, by kind and outcome (returned, threw, lost = lease lost, stopped = shutdown).',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    workerRunDuration: new Histogram({
      name: 'worker_run_duration_seconds',
      help: 'Time a worker spent on one claimed batch, by kind.',
      labelNames: ['kind'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    dialecticCalls: new Counter({
      name: 'dialectic_calls_total',
      help: 'Dialectic (chat) answers started, by reasoning level.',
      labelNames: ['reasoning_level'] as const,
      registers: [registry],
    }),
    modelTokens: new Counter({
      name: 'llm_tokens_processed_total',
      help: 'Language model tokens reported by the provider, by task and direction (input or output).',
      labelNames: ['task', 'direction'] as const,
      registers: [registry],
    }),
    modelCalls: new Counter({
      name: 'llm_calls_total',
      help: 'Language model calls, by task and outcome (ok or error).',
      labelNames: ['task', 'outcome'] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'queue_items',
      help: 'Queue items by state and kind, read from the database at scrape time.',
      labelNames: ['state', 'kind'] as const,
      registers: [registry],
    }),
    queueOldestPending: new Gauge({
      name: 'queue_oldest_pending_age_seconds',
      help: 'How long the longest-waiting runnable unit of each kind has been due, read at scrape time (0 when none).',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    dbPool: new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool of this process: total and idle connections, requests waiting for one, and the maximum.',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    scrapeErrors: new Counter({
      name: 'metrics_scrape_errors_total',
      help: 'Scrapes whose database-backed gauges could not be read (the rest of the scrape is still served).',
      registers: [registry],
    }),
  };
  for (const r of routes) {
    m.apiRequests.labels(r.method, r.path, String(r.status)).inc(0);
    m.apiDuration.zero({ method: r.method, endpoint: r.path });
    m.rateLimited.labels(r.path).inc(0);
  }
  for (const kind of WORK_KINDS) {
    m.queueItemsProcessed.labels(kind).inc(0);
    m.queueItemsFailed.labels(kind).inc(0);
    m.queueOldestPending.labels(kind).set(0);
    for (const outcome of RUN_OUTCOMES) m.workerRuns.labels(kind, outcome).inc(0);
    for (const state of QUEUE_STATES) m.queueDepth.labels(state, kind).set(0);
  }
  for (const level of REASONING_LEVELS) m.dialecticCalls.labels(level).inc(0);
  for (const task of MODEL_TASKS) {
    for (const direction of TOKEN_DIRECTIONS) m.modelTokens.labels(task, direction).inc(0);
    m.modelCalls.labels(task, 'ok').inc(0);
    m.modelCalls.labels(task, 'error').inc(0);
  }
  return m;
}

export type Metrics = ReturnType<typeof buildMetrics> & { registry: Registry };

// One registry per process, kept on globalThis: Next compiles the instrumentation hook and the route handlers into
// separate bundles (and reloads modules in development), and all of them must count into the same series.
const KEY = Symbol.for('rapport.metrics');

export function metrics(): Metrics {
  const slot = globalThis as Record<symbol, Metrics | undefined>;
  const existing = slot[KEY];
  if (existing) return existing;
  const registry = new Registry();
  const created = { ...buildMetrics(registry), registry };
  slot[KEY] = created;
  return created;
}

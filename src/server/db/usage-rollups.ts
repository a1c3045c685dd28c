import 'server-only';
// Writes flushed usage tallies (one upsert statement per table, whatever the number of rows) and the buffered
// request-log rows, and purges both past their retention in bounded batches.
import type { DbClient } from './client';

export type ModelRollupRow = {
  day: string;
  workspaceId: string;
  task: string;
  model: string;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
};

export type RequestRollupRow = {
  day: string;
  workspaceId: string;
  keyId: string;
  requests: number;
  errors: number;
  latencyMsTotal: number;
  latencyBuckets: number[];
};

export type RequestLogInsert = {
  workspaceId: string;
  at: Date;
  method: string;
  route: string;
  status: number;
  latencyMs: number;
  keyId: string | null;
  requestId: string;
};

/** Live workspaces' internal ids by wire id; names with no live workspace are absent. */
export async function workspaceIdsByName(db: DbClient, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db.workspace.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function upsertModelRollups(db: DbClient, rows: ModelRollupRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO usage_model_daily AS t (day, workspace_id, task, model, calls, errors, input_tokens, output_tokens, cost_usd)
    SELECT r.day, r."workspaceId", r.task, r.model, r.calls, r.errors, r."inputTokens", r."outputTokens", r."costUsd"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(day date, "workspaceId" text, task text, model text, calls int,
      errors int, "inputTokens" bigint, "outputTokens" bigint, "costUsd" double precision)
    ON CONFLICT (workspace_id, day, task, model) DO UPDATE SET
      calls = t.calls + excluded.calls,
      errors = t.errors + excluded.errors,
      input_tokens = t.input_tokens + excluded.input_tokens,
      output_tokens = t.output_tokens + excluded.output_tokens,
      cost_usd = CASE WHEN excluded.cost_usd IS NULL THEN t.cost_usd ELSE coalesce(t.cost_usd, 0) + excluded.cost_usd END`;
}

export async function upsertRequestRollups(db: DbClient, rows: RequestRollupRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO usage_request_daily AS t (day, workspace_id, key_id, requests, errors, latency_ms_total, latency_buckets)
    SELECT r.day, r."workspaceId", r."keyId", r.requests, r.errors, r."latencyMsTotal", r."latencyBuckets"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(day date, "workspaceId" text, "keyId" text, requests int,
      errors int, "latencyMsTotal" double precision, "latencyBuckets" int[])
    ON CONFLICT (workspace_id, day, key_id) DO UPDATE SET
      requests = t.requests + excluded.requests,
      errors = t.errors + excluded.errors,
      latency_ms_total = t.latency_ms_total + excluded.latency_ms_total,
      latency_buckets = ARRAY(
        SELECT coalesce(a, 0) + coalesce(b, 0)
        FROM unnest(t.latency_buckets, excluded.latency_buckets) WITH ORDINALITY AS u(a, b, n) ORDER BY n)`;
}

export async function insertRequestLog(db: DbClient, rows: RequestLogInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db.requestLogEntry.createMany({ data: rows });
}

const PURGE_BATCH = 5_000;

/** Deletes in batches of `batch` until fewer remain; returns how many rows went. */
async function purgeInBatches(run: () => Promise<number>, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await run();
    total += deleted;
    if (deleted < batch) return total;
  }
}

/** Daily roll-ups whose day is older than `retentionDays` before `now` (UTC). */
export async function purgeUsageRollups(db: DbClient, options: { now: Date; retentionDays: number; batch?: number }): Promise<number> {
  const batch = options.batch ?? PURGE_BATCH;
  const cutoff = new Date(Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate() - options.retentionDays));
  const models = await purgeInBatches(
    () => db.$executeRaw`
      DELETE FROM usage_model_daily WHERE (workspace_id, day, task, model) IN (
        SELECT workspace_id, day, task, model FROM usage_model_daily WHERE day < ${cutoff}::date LIMIT ${batch})`,
    batch,
  );
  const requests = await purgeInBatches(
    () => db.$executeRaw`
      DELETE FROM usage_request_daily WHERE (workspace_id, day, key_id) IN (
        SELECT workspace_id, day, key_id FROM usage_request_daily WHERE day < ${cutoff}::date LIMIT ${batch})`,
    batch,
  );
  return models + requests;
}

/** Request-log rows older than `maxAgeDays`, and beyond the newest `maxRows` of each workspace. */
export async function purgeRequestLog(db: DbClient, options: { now: Date; maxAgeDays: number; maxRows: number; batch?: number }): Promise<number> {
  const batch = options.batch ?? PURGE_BATCH;
  const cutoff = new Date(options.now.getTime() - options.maxAgeDays * 86_400_000);
  const old = await purgeInBatches(
    () => db.$executeRaw`DELETE FROM request_log WHERE id IN (SELECT id FROM request_log WHERE at < ${cutoff} LIMIT ${batch})`,
    batch,
  );
  // Per workspace, the newest row past the first maxRows (ids grow with time) bounds what goes.
  const excess = await purgeInBatches(
    () => db.$executeRaw`
      WITH bounds AS (
        SELECT w.workspace_id,
          (SELECT k.id FROM request_log k WHERE k.workspace_id = w.workspace_id ORDER BY k.id DESC OFFSET ${options.maxRows} LIMIT 1) AS drop_from
        FROM (SELECT DISTINCT workspace_id FROM request_log) w)
      DELETE FROM request_log WHERE id IN (
        SELECT l.id FROM request_log l JOIN bounds b ON b.workspace_id = l.workspace_id
        WHERE l.id <= b.drop_from LIMIT ${batch})`,
    batch,
  );
  return old + excess;
}

export type ModelUsageRow = { day: Date; task: string; model: string; calls: number; errors: number; inputTokens: bigint; outputTokens: bigint; costUsd: number | null };
export type RequestUsageRow = { day: Date; keyId: string; requests: number; errors: number; latencyMsTotal: number; latencyBuckets: number[] };

/** A workspace's roll-ups from `since` (a UTC day) on. */
export async function readUsageRollups(db: DbClient, workspaceId: string, since: Date): Promise<{ models: ModelUsageRow[]; requests: RequestUsageRow[] }> {
  const [models, requests] = await Promise.all([
    db.usageModelDaily.findMany({ where: { workspaceId, day: { gte: since } }, orderBy: [{ day: 'asc' }, { task: 'asc' }, { model: 'asc' }] }),
    db.usageRequestDaily.findMany({ where: { workspaceId, day: { gte: since } }, orderBy: [{ day: 'asc' }, { keyId: 'asc' }] }),
  ]);
  return { models, requests };
}

export type RequestLogFilter = { workspaceId: string; statusFrom?: number; statusTo?: number; route?: string; keyId?: string };

function logWhere(filter: RequestLogFilter) {
  return {
    workspaceId: filter.workspaceId,
    ...(filter.statusFrom !== undefined ? { status: { gte: filter.statusFrom, lt: filter.statusTo } } : {}),
    ...(filter.route ? { route: filter.route } : {}),
    ...(filter.keyId ? { keyId: filter.keyId === 'none' ? null : filter.keyId } : {}),
  };
}

/** A page of a workspace's request log, newest first, with the total matching. */
export async function readRequestLog(db: DbClient, filter: RequestLogFilter, window: { limit: number; offset: number }) {
  const where = logWhere(filter);
  const [rows, total] = await Promise.all([
    db.requestLogEntry.findMany({ where, orderBy: { id: 'desc' }, take: window.limit, skip: window.offset }),
    db.requestLogEntry.count({ where }),
  ]);
  return { rows, total };
}

/** The routes and credentials present in a workspace's request log, for the filter menus. */
export async function requestLogFacets(db: DbClient, workspaceId: string): Promise<{ routes: string[]; keys: (string | null)[] }> {
  const [routes, keys] = await Promise.all([
    db.requestLogEntry.findMany({ where: { workspaceId }, distinct: ['route'], select: { route: true }, orderBy: { route: 'asc' } }),
    db.requestLogEntry.findMany({ where: { workspaceId }, distinct: ['keyId'], select: { keyId: true }, orderBy: { keyId: 'asc' } }),
  ]);
  return { routes: routes.map((r) => r.route), keys: keys.map((k) => k.keyId) };
}

/** Names of a workspace's stored keys by id (revoked ones included: their past traffic still shows). */
export async function apiKeyNames(db: DbClient, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.apiKey.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

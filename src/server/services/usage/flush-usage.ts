import 'server-only';
// Writes one drained tally to the database: request paths name workspaces by wire id, resolved here (once per
// flush, off every request's path); rows of workspaces that do not exist (a 404 for an unknown id) are dropped.
import type { DbClient } from '@/server/db/client';
import { insertRequestLog, upsertModelRollups, upsertRequestRollups, workspaceIdsByName } from '@/server/db/usage-rollups';
import { addBuckets } from './latency-buckets';
import type { UsageSnapshot, WorkspaceRef } from './usage-tally';

export async function flushUsage(db: DbClient, snapshot: UsageSnapshot): Promise<{ written: number }> {
  const names = new Set<string>();
  for (const row of [...snapshot.models, ...snapshot.requests, ...snapshot.log]) if ('name' in row.workspace) names.add(row.workspace.name);
  const ids = await workspaceIdsByName(db, [...names]);
  const idOf = (ref: WorkspaceRef) => ('id' in ref ? ref.id : ids.get(ref.name));

  // A workspace seen both by name (requests) and by id (worker) has two tallies of one row: one upsert statement
  // may touch a row only once, so they are merged here.
  const models = mergeRows(
    snapshot.models.flatMap(({ workspace, ...rest }) => {
      const workspaceId = idOf(workspace);
      return workspaceId ? [{ ...rest, workspaceId }] : [];
    }),
    (r) => `${r.day}\u0000${r.workspaceId}\u0000${r.task}\u0000${r.model}`,
    (a, b) => ({
      ...a,
      calls: a.calls + b.calls,
      errors: a.errors + b.errors,
      inputTokens: a.inputTokens + b.inputTokens,
      outputTokens: a.outputTokens + b.outputTokens,
      costUsd: a.costUsd === null && b.costUsd === null ? null : (a.costUsd ?? 0) + (b.costUsd ?? 0),
    }),
  );
  const requests = mergeRows(
    snapshot.requests.flatMap(({ workspace, ...rest }) => {
      const workspaceId = idOf(workspace);
      return workspaceId ? [{ ...rest, workspaceId }] : [];
    }),
    (r) => `${r.day}\u0000${r.workspaceId}\u0000${r.keyId}`,
    (a, b) => ({
      ...a,
      requests: a.requests + b.requests,
      errors: a.errors + b.errors,
      latencyMsTotal: a.latencyMsTotal + b.latencyMsTotal,
      latencyBuckets: addBuckets(a.latencyBuckets, b.latencyBuckets),
    }),
  );
  const log = snapshot.log.flatMap(({ workspace, ...rest }) => {
    const workspaceId = idOf(workspace);
    return workspaceId ? [{ ...rest, workspaceId }] : [];
  });
  await upsertModelRollups(db, models);
  await upsertRequestRollups(db, requests);
  await insertRequestLog(db, log);
  return { written: models.length + requests.length + log.length };
}

function mergeRows<T>(rows: T[], keyOf: (row: T) => string, merge: (a: T, b: T) => T): T[] {
  const merged = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    const existing = merged.get(key);
    merged.set(key, existing ? merge(existing, row) : row);
  }
  return [...merged.values()];
}

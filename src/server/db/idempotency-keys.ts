import 'server-only';
// Storage of Idempotency-Key answers (README, "Idempotency-Key"): one row per credential scope and key, claimed
// before the request runs (status null) and completed with the answer afterwards. The primary key makes a claim
// atomic: of two concurrent requests with the same key, exactly one inserts the row and runs.
import type { DbClient } from './client';

/** How long an answer is replayed; the worker's sweep deletes older keys (default-sweep-tasks.ts). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

export type StoredIdempotencyKey = {
  requestHash: string;
  status: number | null;
  responseBody: string | null;
  createdAt: Date;
};

/**
 * Claims `(scope, key)` for this request: `held` is null when this request now holds the key, else the row that
 * holds it (null too when that row vanished in between: the caller claims again).
 */
export async function claimIdempotencyKey(
  db: DbClient,
  claim: { scope: string; key: string; workspaceId: string | null; requestHash: string; now: Date },
): Promise<{ claimed: true } | { claimed: false; held: StoredIdempotencyKey | null }> {
  const inserted = await db.$executeRaw`
    INSERT INTO idempotency_keys (scope, key, workspace_id, request_hash, created_at)
    VALUES (${claim.scope}, ${claim.key}, ${claim.workspaceId}, ${claim.requestHash}, ${claim.now})
    ON CONFLICT (scope, key) DO NOTHING`;
  if (inserted === 1) return { claimed: true };
  const held = await db.idempotencyKey.findUnique({
    where: { scope_key: { scope: claim.scope, key: claim.key } },
    select: { requestHash: true, status: true, responseBody: true, createdAt: true },
  });
  return { claimed: false, held };
}

/** Records the answer of the request that holds the key. */
export async function completeIdempotencyKey(
  db: DbClient,
  entry: { scope: string; key: string; status: number; responseBody: string; now: Date },
): Promise<void> {
  await db.idempotencyKey.updateMany({
    where: { scope: entry.scope, key: entry.key, status: null },
    data: { status: entry.status, responseBody: entry.responseBody, completedAt: entry.now },
  });
}

/**
 * Gives the key up: the request failed without an answer worth repeating, or the row expired. `createdAt` fences the
 * delete to the row this request saw, so it never removes a newer claim.
 */
export async function releaseIdempotencyKey(db: DbClient, entry: { scope: string; key: string; createdAt?: Date }): Promise<void> {
  await db.idempotencyKey.deleteMany({
    where: { scope: entry.scope, key: entry.key, ...(entry.createdAt ? { createdAt: entry.createdAt } : { status: null }) },
  });
}

/** Removes keys older than the retention (the worker's sweep); returns how many. */
export async function purgeIdempotencyKeys(db: DbClient, options: { now: Date; retentionMs: number }): Promise<number> {
  const result = await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(options.now.getTime() - options.retentionMs) } } });
  return result.count;
}

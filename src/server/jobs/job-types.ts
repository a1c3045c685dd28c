// The contract between the queue engine (claiming, leases, retries, sweeping: src/server/jobs/) and the job
// handlers that do the work of one kind (derivation, summary, embedding, dream, webhook, backfill).
//
// Exactly-once: a handler does its slow part (model calls) outside any transaction, then writes its results AND
// calls `ctx.complete(tx, items)` inside one transaction. `complete` fences on the lease (it throws LeaseLostError,
// rolling the transaction back, when another worker took the unit over after our lease expired), so a crash or a
// lost lease never produces duplicate conclusions and never skips an item.
import type { DbClient } from '@/server/db/client';
import type { ModelEngines } from '@/server/models/engine-types';

export type WorkKind = 'derivation' | 'summary' | 'dream' | 'embedding' | 'webhook' | 'backfill';

/** A work_items row claimed by this worker (status in_progress, lease held). */
export type ClaimedItem = {
  id: bigint;
  workspaceId: string;
  kind: WorkKind;
  unitKey: string;
  /** Internal session id, when the item is session-bound. */
  sessionId: string | null;
  /** Public message id, when the item is about one message. */
  messageId: string | null;
  /** Internal peer id: message author (derivation) or dream observed peer. */
  senderId: string | null;
  /** Internal peer ids: observers at write time (derivation) or the dream observer. */
  observerIds: string[];
  payload: Record<string, unknown>;
  /** Attempts including the current one (1 on the first run). */
  attempts: number;
  maxAttempts: number;
  createdAt: Date;
};

export type JobContext = {
  db: DbClient & { $transaction: <T>(fn: (tx: DbClient) => Promise<T>, options?: { timeout?: number; maxWait?: number }) => Promise<T> };
  engines: ModelEngines;
  /** Aborted when the lease is about to be lost or the worker is stopping. */
  signal: AbortSignal;
  workerId: string;
  /**
   * Marks items completed inside the caller's transaction, fenced on this worker's lease. Items of the claim that
   * are not completed by the time `run` resolves are released back to pending (they run again later).
   */
  complete(tx: DbClient, items: readonly ClaimedItem[]): Promise<void>;
  /** Marks one item failed for good (no retry), inside the caller's transaction, with an error text users will read. */
  fail(tx: DbClient, item: ClaimedItem, error: string): Promise<void>;
  log: (message: string, fields?: Record<string, unknown>) => void;
};

export type JobHandler = {
  kind: WorkKind;
  /** Most items of one unit handed to `run` at once (a derivation batch, one summary, one delivery…). */
  maxBatch: number;
  /**
   * Processes the claimed items of ONE unit, oldest first. Throwing fails the whole claim: every item not yet
   * completed is retried with backoff, and becomes `failed` with the thrown message after `maxAttempts`.
   */
  run(items: readonly ClaimedItem[], ctx: JobContext): Promise<void>;
};

/** Thrown by `complete`/`fail` when the lease was lost; the transaction rolls back and nothing is written. */
export class LeaseLostError extends Error {
  constructor(unitKey: string) {
    super(`Lease on work unit ${unitKey} was lost to another worker`);
  }
}

import 'server-only';
// Named limits for interactive transactions, sized to the work each does. Prisma's defaults (2 s to obtain a
// connection and start, 5 s to finish) are too tight on the embedded database, where every connection shares one
// backend and transactions queue behind each other, and fail under load as P2028. `maxWait` bounds the wait for a
// connection and BEGIN; `timeout` bounds the whole transaction once started. When the wait runs out the request
// answers 503 with Retry-After (database-unavailable.ts), never 500. DATABASE_TRANSACTION_MAX_WAIT_MS caps every
// wait, for operators who prefer a quick 503 to queueing.
import { readDatabaseConfig } from '@/server/config/database-config';

export type TransactionLimits = { readonly maxWait: number; readonly timeout: number };

const LIMITS = {
  /** Session get-or-create, membership changes, the session delete's mark: a handful of rows. */
  sessionWrite: { maxWait: 20_000, timeout: 30_000 },
  /** Up to 100 messages with their work items, behind other writers of the same session. */
  messageAppend: { maxWait: 20_000, timeout: 60_000 },
  /** The workspace row's cascade removes whatever it still owns (conclusions, work items, keys…). */
  workspaceDelete: { maxWait: 10_000, timeout: 120_000 },
  /** One unit's claim: a claim row and at most a batch of items. A worker that cannot start polls again later. */
  claim: { maxWait: 10_000, timeout: 15_000 },
  /** Settling a finished claim: waits longer, since giving up costs a lease expiry and a rerun. */
  settle: { maxWait: 30_000, timeout: 30_000 },
  /** One batch of a large delete (a few thousand messages with their derived rows): seconds, never minutes. */
  purgeBatch: { maxWait: 20_000, timeout: 60_000 },
  /** Marking a session or peer deleted, or removing its last rows once its messages are gone. */
  purgeMark: { maxWait: 20_000, timeout: 30_000 },
  /** One batch of a workspace import: up to 1,000 lines, with embeddings when the file carries them. */
  importBatch: { maxWait: 20_000, timeout: 120_000 },
} as const satisfies Record<string, TransactionLimits>;

export type TransactionKind = keyof typeof LIMITS;

export function transactionLimits(kind: TransactionKind): TransactionLimits {
  const limits = LIMITS[kind];
  const cap = readDatabaseConfig().transactionMaxWaitMs;
  return cap === undefined ? limits : { maxWait: Math.min(cap, limits.maxWait), timeout: limits.timeout };
}

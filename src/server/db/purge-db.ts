import 'server-only';
// The client type purges run on: the app's Prisma client or the worker's, anything that can open a transaction
// with explicit limits.
import type { DbClient } from './client';
import type { TransactionLimits } from './transaction-limits';

export type PurgeDb = DbClient & {
  $transaction: <T>(fn: (tx: DbClient) => Promise<T>, options?: TransactionLimits) => Promise<T>;
};

/** Messages (with their embeddings, conclusion links and derived conclusions) removed per transaction. */
export const PURGE_BATCH_SIZE = 2_000;

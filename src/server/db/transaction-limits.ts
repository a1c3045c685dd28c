import 'server-only';
// Named limits for interactive transactions, sized to the work each does. Prisma's defaults (2 s to obtain a
// connection and start, 5 s to finish) are too tight on the embedded database, where every connection shares one
// backend and transactions queue behind each other, and too loose to fail fast for nothing when a pool is exhausted.
// `maxWait` bounds the wait for a connection and BEGIN; `timeout` bounds the whole transaction once started.

export type TransactionLimits = { readonly maxWait: number; readonly timeout: number };

/** One batch of a large delete (a few thousand messages with their derived rows): seconds, never minutes. */
export const PURGE_BATCH: TransactionLimits = { maxWait: 20_000, timeout: 60_000 };
/** Marking a session or peer deleted, or removing its last rows once its messages are gone. */
export const PURGE_MARK: TransactionLimits = { maxWait: 20_000, timeout: 30_000 };

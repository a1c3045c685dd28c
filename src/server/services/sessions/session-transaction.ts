import 'server-only';
// The transaction every session write runs in. Get-or-create, membership changes and the observer limit are checked
// and written together, so a rejected request (400/422/404) leaves nothing behind and concurrent writers serialise
// on the session row.
import type { Session } from '@/generated/prisma/client';
import { getDb, type DbClient } from '@/server/db/client';
import { transactionLimits } from '@/server/db/transaction-limits';
import { NotFoundError } from '../errors';

export function inSessionTransaction<T>(work: (tx: DbClient) => Promise<T>): Promise<T> {
  return getDb().$transaction((tx) => work(tx), transactionLimits('sessionWrite'));
}

/**
 * Locks the session row for the rest of the transaction (membership and message writers take the same lock). A
 * session deleted by a concurrent request between its lookup and this lock is a 404.
 *
 * The lock is taken by a no-op UPDATE rather than FOR UPDATE: the new row version tells a message write that planned
 * its work from an earlier read of the members that they may have changed (its append is guarded on the session
 * row's version, docs/ingest.md).
 */
export async function lockSessionRow(tx: DbClient, session: Session): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE sessions SET last_seq = last_seq WHERE id = ${session.id} AND deleted_at IS NULL RETURNING id`;
  if (rows.length === 0) throw new NotFoundError(`Session ${session.name} not found`);
}

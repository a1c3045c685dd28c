import 'server-only';
// The transaction every session write runs in. Get-or-create, membership changes and the observer limit are checked
// and written together, so a rejected request (400/422/404) leaves nothing behind and concurrent writers serialise
// on the session row.
import type { Session } from '@/generated/prisma/client';
import { getDb, type DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';

// On the embedded database every connection shares one backend, so concurrent transactions queue behind each other;
// the defaults (2 s to start, 5 s to finish) are too tight for a burst of concurrent get-or-creates.
const OPTIONS = { maxWait: 20_000, timeout: 30_000 } as const;

export function inSessionTransaction<T>(work: (tx: DbClient) => Promise<T>): Promise<T> {
  return getDb().$transaction((tx) => work(tx), OPTIONS);
}

/**
 * Locks the session row for the rest of the transaction (membership and message writers take the same lock). A
 * session deleted by a concurrent request between its lookup and this lock is a 404.
 */
export async function lockSessionRow(tx: DbClient, session: Session): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM sessions WHERE id = ${session.id} AND deleted_at IS NULL FOR UPDATE`;
  if (rows.length === 0) throw new NotFoundError(`Session ${session.name} not found`);
}

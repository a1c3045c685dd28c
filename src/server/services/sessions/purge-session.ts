import 'server-only';
// Physical removal of a session already marked deleted (delete-session.ts), in bounded transactions: messages go
// PURGE_BATCH_SIZE at a time with what was derived only from them, then the session row, whose deletion cascades to
// memberships, membership periods, summaries and scope backfills. Each step commits on its own, so one huge session
// never holds a transaction (or the embedded database's single backend) for minutes, and a purge interrupted by a
// crash is finished by the sweeper (resume-purges.ts) from wherever it stopped: every step is idempotent.
import { Prisma } from '@/generated/prisma/client';
import { deleteMessagesWithDerivedData } from '../messages/delete-with-derived-data';
import { PURGE_BATCH_SIZE, type PurgeDb } from '@/server/db/purge-db';
import { transactionLimits } from '@/server/db/transaction-limits';

export async function purgeDeletedSession(db: PurgeDb, workspaceId: string, sessionId: string): Promise<{ messages: number }> {
  const where = Prisma.sql`m.session_id = ${sessionId}`;
  let messages = 0;
  for (;;) {
    const batch = await db.$transaction(
      (tx) => deleteMessagesWithDerivedData(tx, workspaceId, where, { limit: PURGE_BATCH_SIZE }),
      transactionLimits('purgeBatch'),
    );
    messages += batch.count;
    if (batch.count < PURGE_BATCH_SIZE) break;
  }
  await db.$transaction(async (tx) => {
    // Only a session marked deleted is purged: appends lock the live row (lockSessionRow), so none can add a message
    // after the mark, and the row lock here waits for any append that passed its check just before it.
    const marked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM sessions WHERE id = ${sessionId} AND deleted_at IS NOT NULL FOR UPDATE`;
    if (marked.length === 0) return;
    messages += (await deleteMessagesWithDerivedData(tx, workspaceId, where)).count;
    // Rebuild items recorded for summaries the batches marked stale are moot once the session is gone.
    await tx.$executeRaw`
      DELETE FROM work_items WHERE workspace_id = ${workspaceId} AND session_id = ${sessionId} AND status = 'pending'`;
    await tx.$executeRaw`DELETE FROM sessions WHERE id = ${sessionId}`;
  }, transactionLimits('purgeMark'));
  return { messages };
}

import 'server-only';
// DELETE …/messages/{id} (docs/api.md#s3-15, docs/honcho-differences.md#deletion-and-export): the message, its embeddings and the conclusions derived only from
// it go at once; summaries that covered it become stale. Pending derivation work for it is dropped in the same
// transaction, so no worker spends a model call on a message that no longer exists. The embedding item of its write
// also names other messages and stays: the handler skips messages that no longer exist.
import { Prisma } from '@/generated/prisma/client';
import { getDb, type Db } from '@/server/db/client';
import { deleteMessagesWithDerivedData } from './delete-with-derived-data';
import { messageNotFound, requireMessage, type MessageAddress } from './find-message';

export async function deleteMessage(address: MessageAddress, db: Db = getDb()): Promise<void> {
  const message = await requireMessage(db, address);
  const removed = await db.$transaction(async (tx) => {
    const { count } = await deleteMessagesWithDerivedData(
      tx,
      message.workspaceId,
      Prisma.sql`m.id = ${message.id} AND m.session_id = ${message.sessionId}`,
    );
    if (count > 0) {
      await tx.$executeRaw`
        DELETE FROM work_items
        WHERE workspace_id = ${message.workspaceId} AND message_id = ${message.id}
          AND kind IN ('derivation', 'embedding') AND status = 'pending'`;
    }
    return count;
  });
  // Deleted by a concurrent request between the lookup and the transaction.
  if (removed === 0) throw messageNotFound(address.messageId);
}

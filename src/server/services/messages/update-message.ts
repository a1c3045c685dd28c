import 'server-only';
// PUT …/messages/{id} (docs/api.md#s1-6, #s3-6): metadata is replaced when given; content is immutable.
import type { WireMessage } from '@/contracts/messages';
import { getDb, type DbClient } from '@/server/db/client';
import { messageNotFound, requireMessage, type MessageAddress } from './find-message';
import { MESSAGE_COLUMNS, toWire, type MessageWithAuthor } from './message-rows';

export async function updateMessage(
  address: MessageAddress,
  changes: { metadata?: Record<string, unknown> | null },
  db: DbClient = getDb(),
): Promise<WireMessage> {
  const current = await requireMessage(db, address);
  if (changes.metadata === undefined || changes.metadata === null) return toWire(current, address);
  // Keyed on the row found above; zero rows means it was deleted in between, which is still a 404.
  const [updated] = await db.$queryRaw<MessageWithAuthor[]>`
    UPDATE messages m SET metadata = ${JSON.stringify(changes.metadata)}::jsonb
    FROM peers p
    WHERE m.id = ${current.id} AND m.session_id = ${current.sessionId} AND p.id = m.peer_id
    RETURNING ${MESSAGE_COLUMNS}, p.name AS "peerName"`;
  if (!updated) throw messageNotFound(address.messageId);
  return toWire(updated, address);
}

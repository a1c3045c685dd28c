import 'server-only';
// One message of a live session of a live workspace, by public id. Anything else — unknown id, a message of
// another session or workspace, a deleted session — is the same 404 (docs/api.md#s3-6).
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { MESSAGE_COLUMNS, type MessageWithAuthor } from './message-rows';

export type MessageAddress = { workspace: string; session: string; messageId: string };

export function messageNotFound(messageId: string): NotFoundError {
  return new NotFoundError(`Message with ID ${messageId} not found`);
}

export async function findMessage(db: DbClient, address: MessageAddress): Promise<MessageWithAuthor | null> {
  const [row] = await db.$queryRaw<MessageWithAuthor[]>`
    SELECT ${MESSAGE_COLUMNS}, p.name AS "peerName"
    FROM messages m
    JOIN sessions s ON s.id = m.session_id AND s.name = ${address.session} AND s.deleted_at IS NULL
    JOIN workspaces w ON w.id = m.workspace_id AND w.name = ${address.workspace}
    JOIN peers p ON p.id = m.peer_id
    WHERE m.id = ${address.messageId}`;
  return row ?? null;
}

export async function requireMessage(db: DbClient, address: MessageAddress): Promise<MessageWithAuthor> {
  const message = await findMessage(db, address);
  if (!message) throw messageNotFound(address.messageId);
  return message;
}

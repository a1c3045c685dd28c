import 'server-only';
// Raw-SQL reads and writes of messages select the columns under the Prisma model's field names, so the rows are
// ordinary `Message` objects and the one wire mapper (messageToWire) serialises them.
import { Prisma, type Message } from '@/generated/prisma/client';
import { messageToWire } from '../wire-format';
import type { WireMessage } from '@/contracts/messages';

/** Every `Message` field of the table aliased `m`. */
export const MESSAGE_COLUMNS = Prisma.sql`m.id, m.workspace_id AS "workspaceId", m.session_id AS "sessionId",
  m.peer_id AS "peerId", m.seq, m.inserted_order AS "insertedOrder", m.content, m.token_count AS "tokenCount",
  m.metadata, m.configuration, m.created_at AS "createdAt", m.inserted_at AS "insertedAt"`;

export type MessageWithAuthor = Message & { peerName: string };

export function toWire(row: MessageWithAuthor, names: { workspace: string; session: string }): WireMessage {
  return messageToWire(row, { workspace: names.workspace, session: names.session, peer: row.peerName });
}

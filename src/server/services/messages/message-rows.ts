import 'server-only';
// Raw-SQL reads and writes of messages select the columns under the Prisma model's field names, so the rows are
// ordinary `Message` objects and the one wire mapper (messageToWire) serialises them.
import { Prisma, type Message } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import { messageToWire } from '../wire-format';
import type { WireMessage } from '@/contracts/messages';

/** Every `Message` field of the table aliased `m`. */
export const MESSAGE_COLUMNS = Prisma.sql`m.id, m.workspace_id AS "workspaceId", m.session_id AS "sessionId",
  m.peer_id AS "peerId", m.seq, m.inserted_order AS "insertedOrder", m.content, m.token_count AS "tokenCount",
  m.metadata, m.configuration, m.created_at AS "createdAt", m.inserted_at AS "insertedAt"`;

/**
 * The author's name of the message aliased `m`, as a scalar subquery: one primary-key probe per row. Joined, the
 * planner hashed every peer (and, for the session's name, every session) of the workspace to name a page of rows, a
 * cost that grows with the workspace: naming 40 search rows took 2 ms at 100k messages in 4,639 sessions.
 */
export const AUTHOR_NAME = authorNameOf(Prisma.raw('m.peer_id'));

/** The name of the peer whose id is `peerId` (a column), likewise. */
export function authorNameOf(peerId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT p.name FROM peers p WHERE p.id = ${peerId})`;
}

/** The session's name of the message aliased `m`, likewise: a workspace may hold thousands of sessions. */
export const SESSION_NAME = Prisma.sql`(SELECT s.name FROM sessions s WHERE s.id = m.session_id)`;

export type MessageWithAuthor = Message & { peerName: string };

export function toWire(row: MessageWithAuthor, names: { workspace: string; session: string }): WireMessage {
  return messageToWire(row, { workspace: names.workspace, session: names.session, peer: row.peerName });
}

/**
 * Rows with message columns (MESSAGE_COLUMNS), read straight on the pool (raw-rows.ts): search and session context
 * load dozens of them per request, and Prisma's conversion of each value cost the server's thread more than the
 * statement itself. node-postgres gives the one int8 column as a string; it becomes the model's bigint here.
 */
export async function queryMessageRows<T extends { insertedOrder: bigint | null }>(db: DbClient, statement: Prisma.Sql): Promise<T[]> {
  const rows = await queryRows<T>(db, statement);
  for (const row of rows) {
    const order: unknown = row.insertedOrder;
    if (typeof order === 'string') row.insertedOrder = BigInt(order);
  }
  return rows;
}

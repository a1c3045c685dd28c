import 'server-only';
// POST …/messages/list (docs/api.md#s3-6, #s1-7): a page of the session's messages in insertion order (`seq`, unique
// per session, so page walks never skip or repeat), newest first with `reverse`. An unknown or deleted session is an
// empty page, like any filter that matches nothing.
import { Prisma } from '@/generated/prisma/client';
import type { Page } from '@/contracts/common';
import type { WireMessage } from '@/contracts/messages';
import { getDb, type DbClient } from '@/server/db/client';
import { compileFilter } from '@/server/db/filters/compile-filter';
import { pageRequest, pageWindow, toPage } from '@/server/db/pagination';
import { messageFilterColumns } from './message-filter-columns';
import { MESSAGE_COLUMNS, toWire, type MessageWithAuthor } from './message-rows';

export async function listMessages(
  names: { workspace: string; session: string },
  filters: unknown,
  query: { page?: number; size?: number; reverse?: boolean } | undefined,
  db: DbClient = getDb(),
): Promise<Page<WireMessage>> {
  const page = pageRequest(query);
  // Filters are validated (422) whether or not the session exists.
  const where = compileFilter(filters ?? null, messageFilterColumns(names), { resource: 'Message', path: 'body.filters' });
  const [session] = await db.$queryRaw<{ id: string }[]>`
    SELECT s.id FROM sessions s JOIN workspaces w ON w.id = s.workspace_id
    WHERE w.name = ${names.workspace} AND s.name = ${names.session} AND s.deleted_at IS NULL`;
  if (!session) return toPage([], 0, page);

  const scope = Prisma.sql`FROM messages m JOIN peers p ON p.id = m.peer_id
    WHERE m.session_id = ${session.id} AND (${where})`;
  const { limit, offset } = pageWindow(page);
  const order = page.reverse ? Prisma.sql`m.seq DESC` : Prisma.sql`m.seq ASC`;
  const [counted, rows] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${scope}`,
    db.$queryRaw<MessageWithAuthor[]>`
      SELECT ${MESSAGE_COLUMNS}, p.name AS "peerName" ${scope} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
  ]);
  return toPage(rows.map((row) => toWire(row, names)), counted[0]?.total ?? 0, page);
}

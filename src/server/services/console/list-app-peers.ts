import 'server-only';
// The console's users list: the app's peers (scopes stay hidden, as on the wire) with how much each has said, in how
// many sessions, and when it was last active; most recently active first. Counts come from the same rows the REST
// API serves, so the console and the API never disagree about what a peer holds.
import type { Page } from '@/contracts/common';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { pageWindow, toPage } from '@/server/db/pagination';
import { activityRow, type ActivityColumns, type ActivityRow } from './activity-row';
import { containsCondition } from './like-pattern';

export type PeerRow = ActivityRow & { sessionCount: number };

type Raw = ActivityColumns & { session_count: number };

export async function listAppPeers(
  db: DbClient,
  workspaceId: string,
  input: { q?: string; page: number; size: number },
): Promise<Page<PeerRow>> {
  const request = { page: input.page, size: input.size, reverse: false };
  const { limit, offset } = pageWindow(request);
  const where = Prisma.sql`p.workspace_id = ${workspaceId} AND p.kind = 'peer' AND p.deleted_at IS NULL
    AND ${containsCondition(Prisma.sql`p.name`, input.q)}`;
  const [counted, rows] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM peers p WHERE ${where}`,
    db.$queryRaw<Raw[]>`
      SELECT p.name, p.metadata, p.created_at, coalesce(m.n, 0)::int AS message_count, coalesce(s.n, 0)::int AS session_count,
             m.last_at AS last_message_at, coalesce(m.last_at, p.created_at) AS last_active_at
      FROM peers p
      LEFT JOIN LATERAL (
        SELECT count(*) AS n, max(created_at) AS last_at FROM messages
        WHERE workspace_id = ${workspaceId} AND peer_id = p.id
      ) m ON TRUE
      LEFT JOIN LATERAL (
        SELECT count(*) AS n FROM session_peers sp JOIN sessions se ON se.id = sp.session_id AND se.deleted_at IS NULL
        WHERE sp.peer_id = p.id
      ) s ON TRUE
      WHERE ${where}
      ORDER BY last_active_at DESC, p.name ASC
      LIMIT ${limit} OFFSET ${offset}`,
  ]);
  const items = rows.map((r) => ({ ...activityRow(r), sessionCount: r.session_count }));
  return toPage(items, counted[0]?.total ?? 0, request);
}

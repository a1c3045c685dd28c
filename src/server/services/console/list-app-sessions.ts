import 'server-only';
// The console's sessions list: filter by state, by a member peer (current or past) and by "id contains"; each row
// has its message count, current member count, when Rapport received it and its latest message time (the message's
// own time, which imported history keeps); most recent conversation first.
import type { Page } from '@/contracts/common';
import type { SessionStateFilter } from '@/contracts/console-data';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { pageWindow, toPage } from '@/server/db/pagination';
import { containsCondition } from './like-pattern';
import { activityRow, type ActivityColumns, type ActivityRow } from './activity-row';

export type SessionRow = ActivityRow & { isActive: boolean; peerCount: number };

type Raw = ActivityColumns & { is_active: boolean; peer_count: number };

const STATE: Record<SessionStateFilter, Prisma.Sql> = {
  all: Prisma.sql`TRUE`,
  active: Prisma.sql`s.is_active`,
  inactive: Prisma.sql`NOT s.is_active`,
};

export async function listAppSessions(
  db: DbClient,
  workspaceId: string,
  input: { q?: string; peer?: string; state: SessionStateFilter; page: number; size: number },
): Promise<Page<SessionRow>> {
  const request = { page: input.page, size: input.size, reverse: false };
  const { limit, offset } = pageWindow(request);
  const peer = input.peer?.trim();
  const byPeer = peer
    ? Prisma.sql`EXISTS (SELECT 1 FROM session_peers sp JOIN peers p ON p.id = sp.peer_id
        WHERE sp.session_id = s.id AND p.name = ${peer} AND p.deleted_at IS NULL)`
    : Prisma.sql`TRUE`;
  const where = Prisma.sql`s.workspace_id = ${workspaceId} AND s.deleted_at IS NULL AND ${STATE[input.state]}
    AND ${containsCondition(Prisma.sql`s.name`, input.q)} AND ${byPeer}`;
  const [counted, rows] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM sessions s WHERE ${where}`,
    db.$queryRaw<Raw[]>`
      SELECT s.name, s.is_active, s.metadata, s.created_at, coalesce(m.n, 0)::int AS message_count,
             coalesce(mp.n, 0)::int AS peer_count, m.last_at AS last_message_at, coalesce(m.last_at, s.created_at) AS last_active_at
      FROM sessions s
      LEFT JOIN LATERAL (
        SELECT count(*) AS n, max(created_at) AS last_at FROM messages WHERE session_id = s.id
      ) m ON TRUE
      LEFT JOIN LATERAL (
        SELECT count(*) AS n FROM session_peers sp JOIN peers p ON p.id = sp.peer_id AND p.kind = 'peer' AND p.deleted_at IS NULL
        WHERE sp.session_id = s.id AND sp.left_at IS NULL
      ) mp ON TRUE
      WHERE ${where}
      ORDER BY last_active_at DESC, s.name ASC
      LIMIT ${limit} OFFSET ${offset}`,
  ]);
  const items = rows.map((r) => ({ ...activityRow(r), isActive: r.is_active, peerCount: r.peer_count }));
  return toPage(items, counted[0]?.total ?? 0, request);
}

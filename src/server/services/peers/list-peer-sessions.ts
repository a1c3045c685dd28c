import 'server-only';
// POST …/peers/{peer}/sessions: live sessions in which the peer has a membership row, including sessions it has left
// (docs/api.md#s3-3), oldest first.
import type { Page } from '@/contracts/common';
import { Prisma } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { compileFilter } from '@/server/db/filters/compile-filter';
import { pageRequest, toPage } from '@/server/db/pagination';
import { inPageOrder, queryPage } from '@/server/db/query-page';
import { SESSION_FILTER_RESOURCE, sessionFilterColumns } from '../sessions/session-filter-columns';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { sessionToWire } from '../wire-format';
import { requirePeer } from './ensure-peer';

type PageQueryInput = Parameters<typeof pageRequest>[0];

export async function listPeerSessions(
  workspaceName: string,
  peerName: string,
  filters: unknown,
  query: PageQueryInput,
): Promise<Page<ReturnType<typeof sessionToWire>>> {
  const request = pageRequest(query);
  const filter = compileFilter(filters, sessionFilterColumns, { resource: SESSION_FILTER_RESOURCE, path: 'body.filters' });
  const db = getDb();
  const workspace = await requireWorkspace(db, workspaceName);
  const peer = await requirePeer(db, workspace.id, peerName);
  const { rows, total } = await queryPage<{ id: string }>(
    db,
    {
      select: Prisma.sql`s.id`,
      from: Prisma.sql`sessions s JOIN workspaces w ON w.id = s.workspace_id
                       JOIN session_peers sp ON sp.session_id = s.id AND sp.peer_id = ${peer.id}`,
      where: Prisma.sql`s.workspace_id = ${workspace.id} AND s.deleted_at IS NULL AND (${filter})`,
      orderBy: [Prisma.sql`s.created_at`, Prisma.sql`s.id`],
    },
    request,
  );
  const sessions = await db.session.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
  return toPage(
    inPageOrder(rows, sessions).map((session) => sessionToWire(session, workspace.name)),
    total,
    request,
  );
}

import 'server-only';
// POST …/scopes/{scope}/sessions/list: live member sessions, longest-standing member first.
import type { Page } from '@/contracts/common';
import type { SessionWire } from '@/contracts/sessions';
import { Prisma } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { pageRequest, toPage } from '@/server/db/pagination';
import { inPageOrder, queryPage } from '@/server/db/query-page';
import { NotFoundError } from '../errors';
import { sessionToWire } from '../wire-format';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { requireScope, scopeNotFound } from './scope-peers';

export async function listScopeSessions(
  workspaceName: string,
  scopeId: string,
  query: Parameters<typeof pageRequest>[0],
): Promise<Page<SessionWire>> {
  const request = pageRequest(query);
  const db = getDb();
  const workspace = await findWorkspace(db, workspaceName);
  if (!workspace) throw new NotFoundError(scopeNotFound(scopeId));
  const scope = await requireScope(db, workspace.id, scopeId);
  const { rows, total } = await queryPage<{ id: string }>(
    db,
    {
      select: Prisma.sql`s.id`,
      from: Prisma.sql`sessions s JOIN session_peers sp ON sp.session_id = s.id AND sp.peer_id = ${scope.id} AND sp.left_at IS NULL`,
      where: Prisma.sql`s.workspace_id = ${workspace.id} AND s.deleted_at IS NULL`,
      orderBy: [Prisma.sql`sp.joined_at`, Prisma.sql`s.id`],
    },
    request,
  );
  const sessions = await db.session.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
  return toPage(inPageOrder(rows, sessions).map((session) => sessionToWire(session, workspace.name)), total, request);
}

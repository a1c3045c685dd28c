import 'server-only';
// POST …/scopes/list: the workspace's scopes, oldest first. An unknown workspace has none.
import type { Page } from '@/contracts/common';
import type { ScopeWire } from '@/contracts/scopes';
import { Prisma } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { pageRequest, toPage } from '@/server/db/pagination';
import { inPageOrder, queryPage } from '@/server/db/query-page';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { scopeToWire } from './scope-peers';

export async function listScopes(workspaceName: string, query: Parameters<typeof pageRequest>[0]): Promise<Page<ScopeWire>> {
  const request = pageRequest(query);
  const db = getDb();
  const workspace = await findWorkspace(db, workspaceName);
  if (!workspace) return toPage([], 0, request);
  const { rows, total } = await queryPage<{ id: string }>(
    db,
    {
      select: Prisma.sql`p.id`,
      from: Prisma.sql`peers p`,
      where: Prisma.sql`p.workspace_id = ${workspace.id} AND p.kind = 'scope' AND p.deleted_at IS NULL`,
      orderBy: [Prisma.sql`p.created_at`, Prisma.sql`p.id`],
    },
    request,
  );
  const peers = await db.peer.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
  return toPage(inPageOrder(rows, peers).map((peer) => scopeToWire(peer, workspace.name)), total, request);
}

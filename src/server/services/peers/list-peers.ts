import 'server-only';
// POST …/peers/list: live peers of the workspace, oldest first. Scope peers (kind = scope) are hidden unless `kind`
// asks for them.
import type { Page } from '@/contracts/common';
import type { WirePeer } from '@/contracts/peers';
import { Prisma } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { compileFilter } from '@/server/db/filters/compile-filter';
import type { FilterColumns } from '@/server/db/filters/filter-columns';
import { pageRequest, toPage } from '@/server/db/pagination';
import { inPageOrder, queryPage } from '@/server/db/query-page';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { peerToWire } from '../wire-format';

type PageQueryInput = Parameters<typeof pageRequest>[0];

export type PeerKindSelection = 'peer' | 'scope' | 'all';

function peerFilterColumns(workspaceName: string): FilterColumns {
  return {
    id: { sql: Prisma.sql`p.name`, kind: 'text' },
    // Every row of this list belongs to one workspace, so its wire id is a constant.
    workspace_id: { sql: Prisma.sql`${workspaceName}::text`, kind: 'text' },
    created_at: { sql: Prisma.sql`p.created_at`, kind: 'datetime' },
    metadata: { sql: Prisma.sql`p.metadata`, kind: 'json' },
  };
}

const KIND_CONDITION: Record<PeerKindSelection, Prisma.Sql> = {
  peer: Prisma.sql`p.kind = 'peer'`,
  scope: Prisma.sql`p.kind = 'scope'`,
  all: Prisma.sql`TRUE`,
};

export async function listPeers(
  workspaceName: string,
  input: { filters?: unknown; kind?: PeerKindSelection | null },
  query: PageQueryInput,
): Promise<Page<WirePeer>> {
  const request = pageRequest(query);
  const filter = compileFilter(input.filters, peerFilterColumns(workspaceName), { resource: 'Peer', path: 'body.filters' });
  const db = getDb();
  const workspace = await requireWorkspace(db, workspaceName);
  const { rows, total } = await queryPage<{ id: string }>(
    db,
    {
      select: Prisma.sql`p.id`,
      from: Prisma.sql`peers p`,
      where: Prisma.sql`p.workspace_id = ${workspace.id} AND p.deleted_at IS NULL
                        AND ${KIND_CONDITION[input.kind ?? 'peer']} AND (${filter})`,
      orderBy: [Prisma.sql`p.created_at`, Prisma.sql`p.id`],
    },
    request,
  );
  const peers = await db.peer.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
  return toPage(
    inPageOrder(rows, peers).map((peer) => peerToWire(peer, workspace.name)),
    total,
    request,
  );
}

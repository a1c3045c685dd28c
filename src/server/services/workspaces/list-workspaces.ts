import 'server-only';
// POST /v3/workspaces/list: live workspaces, oldest first, filtered by the DSL on id/created_at/metadata.
import type { Page } from '@/contracts/common';
import type { WireWorkspace } from '@/contracts/workspaces';
import { Prisma } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { compileFilter } from '@/server/db/filters/compile-filter';
import type { FilterColumns } from '@/server/db/filters/filter-columns';
import { pageRequest, toPage } from '@/server/db/pagination';
import { inPageOrder, queryPage } from '@/server/db/query-page';
import { workspaceToWire } from '../wire-format';

type PageQueryInput = Parameters<typeof pageRequest>[0];

const WORKSPACE_FILTER_COLUMNS: FilterColumns = {
  id: { sql: Prisma.sql`w.name`, kind: 'text' },
  created_at: { sql: Prisma.sql`w.created_at`, kind: 'datetime' },
  metadata: { sql: Prisma.sql`w.metadata`, kind: 'json' },
};

export async function listWorkspaces(filters: unknown, query: PageQueryInput): Promise<Page<WireWorkspace>> {
  const request = pageRequest(query);
  const filter = compileFilter(filters, WORKSPACE_FILTER_COLUMNS, { resource: 'Workspace', path: 'body.filters' });
  const db = getDb();
  const { rows, total } = await queryPage<{ id: string }>(
    db,
    {
      select: Prisma.sql`w.id`,
      from: Prisma.sql`workspaces w`,
      where: filter,
      orderBy: [Prisma.sql`w.created_at`, Prisma.sql`w.id`],
    },
    request,
  );
  const workspaces = await db.workspace.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
  return toPage(inPageOrder(rows, workspaces).map(workspaceToWire), total, request);
}

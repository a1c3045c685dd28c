import 'server-only';
// POST …/sessions/list (docs/api.md#s3-4): live sessions of the workspace, filtered (docs/api.md#s2), oldest first with the
// internal key as tie-breaker so page walks never skip or repeat (docs/api.md#s1-7).
import type { Page } from '@/contracts/common';
import type { SessionWire } from '@/contracts/sessions';
import { Prisma, type Session } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { compileFilter } from '@/server/db/filters/compile-filter';
import { pageRequest, toPage, type PageRequest } from '@/server/db/pagination';
import { queryPage } from '@/server/db/query-page';
import { sessionToWire } from '../wire-format';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { SESSION_FILTER_RESOURCE, sessionFilterColumns } from './session-filter-columns';

export async function listSessions(workspaceName: string, filters: unknown, query: Partial<PageRequest>): Promise<Page<SessionWire>> {
  const condition = compileFilter(filters, sessionFilterColumns, { resource: SESSION_FILTER_RESOURCE, path: 'body.filters' });
  const request = pageRequest(query);
  const db = getDb();
  const workspace = await requireWorkspace(db, workspaceName);
  const { rows, total } = await queryPage<Session>(
    db,
    {
      select: Prisma.sql`s.id, s.workspace_id AS "workspaceId", s.name, s.is_active AS "isActive", s.metadata,
                         s.configuration, s.last_seq AS "lastSeq", s.created_at AS "createdAt", s.deleted_at AS "deletedAt"`,
      from: Prisma.sql`sessions s JOIN workspaces w ON w.id = s.workspace_id`,
      where: Prisma.sql`s.workspace_id = ${workspace.id} AND s.deleted_at IS NULL AND (${condition})`,
      orderBy: [Prisma.sql`s.created_at`, Prisma.sql`s.id`],
    },
    request,
  );
  return toPage(
    rows.map((session) => sessionToWire(session, workspace.name)),
    total,
    request,
  );
}

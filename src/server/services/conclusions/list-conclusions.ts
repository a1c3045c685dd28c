import 'server-only';
// POST …/conclusions/list (docs/api.md#s3-9, #s1-7): a page of the workspace's live conclusions, newest first
// (`created_at` desc, then id, so page walks never skip or repeat), oldest first with `reverse`. An unknown workspace
// is an empty page, like a filter that matches nothing.
import type { Page } from '@/contracts/common';
import type { WireConclusion } from '@/contracts/conclusions';
import { Prisma } from '@/generated/prisma/client';
import { getDb, type DbClient } from '@/server/db/client';
import { compileFilter } from '@/server/db/filters/compile-filter';
import { pageRequest, toPage } from '@/server/db/pagination';
import { queryPage } from '@/server/db/query-page';
import { conclusionFilterColumns } from './conclusion-filter-columns';
import { CONCLUSION_FROM, CONCLUSION_SELECT, conclusionToWire, liveConclusionsOf, type ConclusionRow } from './conclusion-rows';

export async function listConclusions(
  workspaceName: string,
  filters: unknown,
  query: { page?: number; size?: number; reverse?: boolean } | undefined,
  db: DbClient = getDb(),
): Promise<Page<WireConclusion>> {
  const page = pageRequest(query);
  const filter = compileFilter(filters ?? null, conclusionFilterColumns(workspaceName), {
    resource: 'Conclusion',
    path: 'body.filters',
  });
  // queryPage orders ascending unless reversed; conclusions default to newest first, so the sense is flipped.
  const { rows, total } = await queryPage<ConclusionRow>(
    db,
    {
      select: CONCLUSION_SELECT,
      from: CONCLUSION_FROM,
      where: Prisma.sql`${liveConclusionsOf(workspaceName)} AND (${filter})`,
      orderBy: [Prisma.sql`c.created_at`, Prisma.sql`c.id`],
    },
    { ...page, reverse: !page.reverse },
  );
  return toPage(rows.map(conclusionToWire), total, page);
}

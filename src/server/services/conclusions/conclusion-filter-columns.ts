import 'server-only';
// What conclusion lists may filter on (docs/api.md#s2-4), with the aliases the SDK sends (`observer`, `observed`,
// `session_name`). `metadata` addresses the server-maintained provenance object; conclusions have no user metadata.
// Expressions refer to the aliases of CONCLUSION_FROM (conclusion-rows.ts).
import { Prisma } from '@/generated/prisma/client';
import type { FilterColumns } from '@/server/db/filters/filter-columns';

export function conclusionFilterColumns(workspaceName: string): FilterColumns {
  const observer = { sql: Prisma.sql`op.name`, kind: 'text' } as const;
  const observed = { sql: Prisma.sql`od.name`, kind: 'text' } as const;
  const session = { sql: Prisma.sql`s.name`, kind: 'text' } as const;
  return {
    id: { sql: Prisma.sql`c.id`, kind: 'text' },
    content: { sql: Prisma.sql`c.content`, kind: 'text' },
    level: { sql: Prisma.sql`c.level`, kind: 'level' },
    observer_id: observer,
    observer,
    observed_id: observed,
    observed,
    session_id: session,
    session_name: session,
    workspace_id: { sql: Prisma.sql`${workspaceName}::text`, kind: 'text' },
    times_derived: { sql: Prisma.sql`c.times_derived`, kind: 'number' },
    created_at: { sql: Prisma.sql`c.created_at`, kind: 'datetime' },
    source_ids: { sql: Prisma.sql`c.source_ids`, kind: 'text_array' },
    metadata: { sql: Prisma.sql`c.provenance`, kind: 'json' },
  };
}

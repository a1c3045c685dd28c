import 'server-only';
// What conclusion lists may filter on (docs/api.md#s2-4), with the aliases the SDK sends (`observer`, `observed`,
// `session_name`). `metadata` addresses the server-maintained provenance object; conclusions have no user metadata.
// Expressions refer to the aliases of CONCLUSION_FROM (conclusion-rows.ts).
import { Prisma } from '@/generated/prisma/client';
import type { FilterColumns } from '@/server/db/filters/filter-columns';

/** The observer, observed and session name columns under every key a filter may use for them (wire name and alias). */
export function nameColumns(observer: Prisma.Sql, observed: Prisma.Sql, session: Prisma.Sql): FilterColumns {
  const text = (sql: Prisma.Sql) => ({ sql, kind: 'text' }) as const;
  return {
    observer_id: text(observer),
    observer: text(observer),
    observed_id: text(observed),
    observed: text(observed),
    session_id: text(session),
    session_name: text(session),
  };
}

export function conclusionFilterColumns(workspaceName: string): FilterColumns {
  return {
    id: { sql: Prisma.sql`c.id`, kind: 'text' },
    content: { sql: Prisma.sql`c.content`, kind: 'text' },
    level: { sql: Prisma.sql`c.level`, kind: 'level' },
    ...nameColumns(Prisma.sql`op.name`, Prisma.sql`od.name`, Prisma.sql`s.name`),
    workspace_id: { sql: Prisma.sql`${workspaceName}::text`, kind: 'text' },
    times_derived: { sql: Prisma.sql`c.times_derived`, kind: 'number' },
    created_at: { sql: Prisma.sql`c.created_at`, kind: 'datetime' },
    source_ids: { sql: Prisma.sql`c.source_ids`, kind: 'text_array' },
    metadata: { sql: Prisma.sql`c.provenance`, kind: 'json' },
  };
}

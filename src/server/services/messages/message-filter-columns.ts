import 'server-only';
// What message lists may filter on (docs/api.md#s2-4): workspace_id, session_id, peer_id, token_count, created_at,
// metadata — and deliberately no `id`. Expressions refer to `m` (messages) and `p` (the author) of list-messages.ts.
import { Prisma } from '@/generated/prisma/client';
import type { FilterColumns } from '@/server/db/filters/filter-columns';

/** Inside one session the workspace and session ids are constants, so they compare as bound parameters. */
export function messageFilterColumns(names: { workspace: string; session: string }): FilterColumns {
  return {
    workspace_id: { sql: Prisma.sql`${names.workspace}::text`, kind: 'text' },
    session_id: { sql: Prisma.sql`${names.session}::text`, kind: 'text' },
    peer_id: { sql: Prisma.sql`p.name`, kind: 'text' },
    token_count: { sql: Prisma.sql`m.token_count`, kind: 'number' },
    created_at: { sql: Prisma.sql`m.created_at`, kind: 'datetime' },
    metadata: { sql: Prisma.sql`m.metadata`, kind: 'json' },
  };
}

import 'server-only';
// The session keys of the filter DSL (docs/api.md#s2-4) over `sessions s JOIN workspaces w`. Also used by any list
// of sessions filtered with session keys (e.g. a peer's sessions).
import { Prisma } from '@/generated/prisma/client';
import type { FilterColumns } from '@/server/db/filters/filter-columns';

export const SESSION_FILTER_RESOURCE = 'Session';

export const sessionFilterColumns: FilterColumns = {
  id: { sql: Prisma.sql`s.name`, kind: 'text' },
  workspace_id: { sql: Prisma.sql`w.name`, kind: 'text' },
  is_active: { sql: Prisma.sql`s.is_active`, kind: 'boolean' },
  created_at: { sql: Prisma.sql`s.created_at`, kind: 'datetime' },
  metadata: { sql: Prisma.sql`s.metadata`, kind: 'json' },
};

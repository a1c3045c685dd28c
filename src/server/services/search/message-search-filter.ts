import 'server-only';
// Message search filters (docs/api.md#s2-4, #s3-8): the list keys plus `peer_perspective`, compiled over alias `m`
// only (authors and sessions through subqueries), because the same condition feeds the full-text and the vector leg.
// Keys a route forces (workspace_id, session_id on session search, peer_id on peer search) replace user values.
import { Prisma } from '@/generated/prisma/client';
import type { FilterColumns } from '@/server/db/filters/filter-columns';
import { compileFilter } from '@/server/db/filters/compile-filter';
import { InvalidInputError } from '../errors';

export type ForcedKeys = { workspace: string; session?: string; peer?: string };

export type CompiledSearchFilter = { sql: Prisma.Sql; peerPerspective: string | null };

export function compileMessageSearchFilter(filters: unknown, forced: ForcedKeys): CompiledSearchFilter {
  let peerPerspective: string | null = null;
  let rest: unknown = filters;
  if (filters && typeof filters === 'object' && !Array.isArray(filters)) {
    const copy: Record<string, unknown> = { ...(filters as Record<string, unknown>) };
    if (copy.peer_perspective !== undefined && copy.peer_perspective !== null) {
      if (typeof copy.peer_perspective !== 'string') {
        throw InvalidInputError.at('body.filters.peer_perspective', 'Must be a peer id');
      }
      peerPerspective = copy.peer_perspective;
    }
    delete copy.peer_perspective;
    delete copy.workspace_id;
    if (forced.session !== undefined) delete copy.session_id;
    if (forced.peer !== undefined) delete copy.peer_id;
    rest = copy;
  }
  const sql = compileFilter(rest ?? null, searchColumns(forced), { resource: 'Message', path: 'body.filters' });
  return { sql, peerPerspective };
}

function searchColumns(forced: ForcedKeys): FilterColumns {
  return {
    workspace_id: { sql: Prisma.sql`${forced.workspace}::text`, kind: 'text' },
    session_id: {
      sql: forced.session !== undefined ? Prisma.sql`${forced.session}::text` : Prisma.sql`(SELECT s.name FROM sessions s WHERE s.id = m.session_id)`,
      kind: 'text',
    },
    peer_id: {
      sql: forced.peer !== undefined ? Prisma.sql`${forced.peer}::text` : Prisma.sql`(SELECT p.name FROM peers p WHERE p.id = m.peer_id)`,
      kind: 'text',
    },
    token_count: { sql: Prisma.sql`m.token_count`, kind: 'number' },
    created_at: { sql: Prisma.sql`m.created_at`, kind: 'datetime' },
    metadata: { sql: Prisma.sql`m.metadata`, kind: 'json' },
  };
}

/**
 * Messages the peer could have seen: in sessions it belonged to, written while it was a member. Windows are server
 * times (join and leave are recorded when they happen), so they are compared with when the message was stored, not
 * with its client-supplied `created_at`, which may lie anywhere in the past.
 */
export function perspectiveCondition(peerInternalId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM session_membership_periods mp
    WHERE mp.session_id = m.session_id AND mp.peer_id = ${peerInternalId}
      AND m.inserted_at >= mp.joined_at AND (mp.left_at IS NULL OR m.inserted_at <= mp.left_at))`;
}

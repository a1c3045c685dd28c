import 'server-only';
// POST …/conclusions/query (docs/api.md#s3-9): hybrid search within one (observer, observed) view. The filters must
// name both peers — the SDK always sends observer_id and observed_id (docs/api.md#s7-15) — so a query never silently ranks every
// view of the workspace. Filters compile over alias `c` alone (names through subqueries) because the same condition
// drives the full-text and the vector leg.
import { Prisma } from '@/generated/prisma/client';
import type { WireConclusion } from '@/contracts/conclusions';
import { getDb, type Db } from '@/server/db/client';
import { compileFilter } from '@/server/db/filters/compile-filter';
import type { FilterColumns } from '@/server/db/filters/filter-columns';
import { conclusionFilterColumns, nameColumns } from '../conclusions/conclusion-filter-columns';
import { CONCLUSION_FROM, CONCLUSION_SELECT, conclusionToWire, type ConclusionRow } from '../conclusions/conclusion-rows';
import { InvalidInputError } from '../errors';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { searchConclusionRows } from './search-conclusion-rows';
import { normaliseSearchQuery } from './search-query';

export type ConclusionQueryBody = { query: string; top_k?: number | null; distance?: number | null; filters?: unknown };

export const VIEW_REQUIRED =
  'filters must constrain both the observer and the observed peer, e.g. {"observer_id": "alice", "observed_id": "alice"}';

export async function queryConclusions(
  workspaceName: string, body: ConclusionQueryBody, db: Db = getDb(), options: { signal?: AbortSignal } = {},
): Promise<WireConclusion[]> {
  const query = normaliseSearchQuery(body.query);
  assertNamesView(body.filters);
  const filter = compileFilter(body.filters, viewColumns(workspaceName), { resource: 'Conclusion', path: 'body.filters' });
  const workspace = await findWorkspace(db, workspaceName);
  if (!workspace) return [];

  const view = await viewPeerIds(db, workspace.id, body.filters);
  if (view === null) return [];
  const scope = { workspaceId: workspace.id, ...view, filter, maxDistance: body.distance ?? null };
  const hits = await searchConclusionRows(db, scope, query, body.top_k ?? 10, { signal: options.signal });
  if (hits.length === 0) return [];
  const rows = await db.$queryRaw<ConclusionRow[]>`
    SELECT ${CONCLUSION_SELECT} FROM ${CONCLUSION_FROM} WHERE c.id = ANY(${hits.map((h) => h.id)}::text[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    return row ? [conclusionToWire(row)] : [];
  });
}

/** The filter's top-level keys, or none when it is not an object. */
function topLevelKeys(filters: unknown): Record<string, unknown> {
  return filters && typeof filters === 'object' && !Array.isArray(filters) ? (filters as Record<string, unknown>) : {};
}

function assertNamesView(filters: unknown): void {
  const f = topLevelKeys(filters);
  const names = (key: string, alias: string) => [f[key], f[alias]].some((v) => v !== undefined && v !== null && v !== '*');
  if (!names('observer_id', 'observer') || !names('observed_id', 'observed')) {
    throw InvalidInputError.at('body.filters', VIEW_REQUIRED);
  }
}

/**
 * The view's internal peer ids when the filters name its peers as plain strings at the top level, as the SDK sends
 * them; null when such a name has no peer row (nothing can match). The compiled filter still applies unchanged: the
 * ids only let both legs start from the view's index instead of testing the name subquery on every conclusion of the
 * workspace (27 ms per query at 11k conclusions, docs/search.md#narrow-conclusion-scopes). Names are unique within a
 * workspace, so the two conditions select the same rows.
 */
async function viewPeerIds(db: Db, workspaceId: string, filters: unknown): Promise<{ observerId?: string; observedId?: string } | null> {
  const f = topLevelKeys(filters);
  const plainName = (keys: readonly string[]) => {
    const names = keys.map((k) => f[k]).filter((v): v is string => typeof v === 'string' && v !== '*');
    return names.length > 0 && names.every((n) => n === names[0]) ? names[0]! : undefined;
  };
  const observer = plainName(['observer_id', 'observer']);
  const observed = plainName(['observed_id', 'observed']);
  const wanted = [observer, observed].filter((n): n is string => n !== undefined);
  if (wanted.length === 0) return {};
  const peers = await db.peer.findMany({ where: { workspaceId, name: { in: wanted } }, select: { id: true, name: true } });
  const idOf = new Map(peers.map((p) => [p.name, p.id]));
  if (wanted.some((n) => !idOf.has(n))) return null;
  return {
    ...(observer !== undefined ? { observerId: idOf.get(observer)! } : {}),
    ...(observed !== undefined ? { observedId: idOf.get(observed)! } : {}),
  };
}

/** The conclusion filter keys over alias `c` only. */
function viewColumns(workspaceName: string): FilterColumns {
  return {
    ...conclusionFilterColumns(workspaceName),
    ...nameColumns(
      Prisma.sql`(SELECT p.name FROM peers p WHERE p.id = c.observer_id)`,
      Prisma.sql`(SELECT p.name FROM peers p WHERE p.id = c.observed_id)`,
      Prisma.sql`(SELECT s.name FROM sessions s WHERE s.id = c.session_id AND s.deleted_at IS NULL)`,
    ),
  };
}

import 'server-only';
// Which work units could run now (docs/api.md#s5-2, docs/honcho-differences.md#derivation-latency). A unit is runnable when it has pending items of a kind
// some handler takes, nobody holds a live claim on it, and it is due. "Due" is precomputed per unit in work_units
// (kept by triggers on work_items, see the migration 20261206100000_work_units): the oldest pending item is out of
// backoff (units are sequential within themselves, so a batch in backoff is never overtaken by its own later items;
// a fresh derivation item's available_at is its debounce, not a backoff), and for derivation additionally the idle
// debounce has passed (no new message lately), or the oldest item's deadline (first write + maximum wait), or the
// pending messages already fill a batch of DERIVE_BATCH_TOKENS. So a poll costs index probes over due units, not a
// scan of the backlog.
//
// Fairness: workspaces take turns. Each workspace contributes its due units oldest-due first; the first unit of every
// workspace comes before the second of any, and among equals the workspace served longest ago comes first
// (work_workspace_turns.last_served_at, stamped by claimUnit). One tenant's 50k-message import therefore never
// keeps another tenant's first message waiting behind it.
//
// This is only a shortlist read without locks: claimUnit() is what makes ownership exclusive.
import { Prisma } from '@/generated/prisma/client';
import type { WorkKind } from './job-types';
import type { WorkerDb } from './engine-options';

export type RunnableUnit = { unitKey: string; workspaceId: string; kind: WorkKind };

/** Pending message tokens that make a derivation unit runnable at once: about one model call's input (docs/api.md#s5-2). The
 * trigger function rapport_refresh_work_units holds the same number. */
export const DERIVE_BATCH_TOKENS = 1_024;

export type RunnableUnitsQuery = { kinds: readonly WorkKind[]; limit: number; excludeUnitKeys?: readonly string[] };

export async function findRunnableUnits(db: WorkerDb, options: RunnableUnitsQuery): Promise<RunnableUnit[]> {
  if (options.kinds.length === 0 || options.limit <= 0) return [];
  return db.$queryRaw<RunnableUnit[]>(runnableUnitsSql(options));
}

/** The poll's statement (exported for bench:queue, which times it server-side with EXPLAIN ANALYZE). */
export function runnableUnitsSql(options: RunnableUnitsQuery): Prisma.Sql {
  return Prisma.sql`
    SELECT u.unit_key AS "unitKey", u.workspace_id AS "workspaceId", u.kind::text AS kind
    FROM work_workspace_turns t
    CROSS JOIN LATERAL (
      SELECT u.unit_key, u.workspace_id, u.kind, u.due_at, row_number() OVER (ORDER BY u.workspace_id, u.due_at) AS turn
      FROM work_units u
      WHERE u.workspace_id = t.workspace_id AND u.due_at <= now()
        AND u.kind = ANY(${[...options.kinds]}::text[]::work_kind[])
        AND NOT (u.unit_key = ANY(${[...(options.excludeUnitKeys ?? [])]}::text[]))
        AND NOT EXISTS (SELECT 1 FROM work_unit_claims c WHERE c.unit_key = u.unit_key AND c.lease_until >= now())
      -- workspace_id is fixed here; naming it steers the planner to the (workspace_id, due_at) index, which yields
      -- this workspace's due units in order and stops after the limit, instead of walking every workspace's due units.
      ORDER BY u.workspace_id, u.due_at
      LIMIT ${options.limit}) u
    ORDER BY u.turn, t.last_served_at NULLS FIRST, u.due_at
    LIMIT ${options.limit}`;
}

/** Milliseconds until the earliest unit that is not yet due becomes due (null when none is waiting): an idle worker
 * sleeps no longer than this, since nothing notifies when a debounce or a backoff runs out. */
export async function nextDueInMs(db: WorkerDb): Promise<number | null> {
  // Per workspace through the (workspace_id, due_at) index, the one index work_units has for due_at: a second index
  // on due_at alone tempted the planner to walk every workspace's due units inside the poll's per-workspace lookup.
  const [row] = await db.$queryRaw<{ ms: number | null }[]>`
    SELECT (EXTRACT(EPOCH FROM (min(n.due_at) - now())) * 1000)::float8 AS ms
    FROM work_workspace_turns t
    CROSS JOIN LATERAL (
      SELECT u.due_at FROM work_units u WHERE u.workspace_id = t.workspace_id AND u.due_at > now()
      ORDER BY u.workspace_id, u.due_at LIMIT 1) n`;
  return row?.ms ?? null;
}

import 'server-only';
// Which work units could run now (api-contract §5.2, Δ6). A unit is runnable when it has pending items of a kind
// some handler takes, nobody holds a live claim on it, and its oldest pending item is due (so a batch in backoff is
// never overtaken by its own later items: units are sequential within themselves; for derivation "due" means out of
// backoff, since a fresh item's available_at is its debounce). Derivation units additionally
// wait out the idle debounce — every pending item's available_at (write time + debounce) has passed, i.e. no new
// message arrived lately — unless the oldest item's deadline (first write + maximum wait) has passed, or the unit's
// pending messages already fill a batch (a long burst need not wait for its end).
//
// This is only a shortlist read without locks: claimUnit() is what makes ownership exclusive.
import type { WorkKind } from './job-types';
import type { WorkerDb } from './engine-options';

export type RunnableUnit = { unitKey: string; workspaceId: string; kind: WorkKind };

/** Pending message tokens that make a derivation unit runnable at once: about one model call's input (§5.2). */
export const DERIVE_BATCH_TOKENS = 1_024;

export async function findRunnableUnits(
  db: WorkerDb,
  options: { kinds: readonly WorkKind[]; limit: number; excludeUnitKeys?: readonly string[]; deriveBatchTokens?: number },
): Promise<RunnableUnit[]> {
  const batchTokens = options.deriveBatchTokens ?? DERIVE_BATCH_TOKENS;
  if (options.kinds.length === 0 || options.limit <= 0) return [];
  return db.$queryRaw<RunnableUnit[]>`
    SELECT w.unit_key AS "unitKey", w.workspace_id AS "workspaceId", w.kind::text AS kind
    FROM work_items w
    LEFT JOIN messages m ON w.kind = 'derivation' AND m.id = w.message_id
    WHERE w.status = 'pending'
      AND w.kind::text = ANY(${[...options.kinds]}::text[])
      AND NOT (w.unit_key = ANY(${[...(options.excludeUnitKeys ?? [])]}::text[]))
      AND NOT EXISTS (SELECT 1 FROM work_unit_claims c WHERE c.unit_key = w.unit_key AND c.lease_until >= now())
    GROUP BY w.unit_key, w.workspace_id, w.kind
    HAVING ((array_agg(w.available_at ORDER BY w.id))[1] <= now()
            -- A derivation item never started is only debouncing, not backing off: the triggers below decide.
            OR (w.kind = 'derivation' AND (array_agg(w.started_at ORDER BY w.id))[1] IS NULL))
       AND (w.kind <> 'derivation' OR max(w.available_at) <= now() OR min(w.deadline_at) <= now()
            OR coalesce(sum(m.token_count), 0) >= ${batchTokens})
    ORDER BY min(w.id)
    LIMIT ${options.limit}`;
}

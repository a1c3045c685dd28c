import 'server-only';
// Periodic work that rides on every worker's sweeper tick unless a caller passes its own list (tests do): automatic
// dream scheduling (docs/api.md#s5-6), which is idempotent, so every worker may run it on every sweep, the
// embedded database's planner statistics (it has no autovacuum), finishing session and peer purges a crash
// interrupted, signatures for embeddings stored without one, the inverted-file lists of large workspaces on
// servers without pgvector (training and moving rows into them, a bounded amount per sweep), and Idempotency-Key
// answers past their 24 h, and usage roll-ups and request-log rows past their retention (bounded batches).
import { scheduleDueDreams } from '@/server/services/dreams/schedule-due-dreams';
import { refreshPlannerStatistics } from '@/server/db/refresh-planner-statistics';
import { backfillSignatures } from '@/server/services/search/backfill-signatures';
import { maintainVectorLists } from '@/server/services/search/maintain-vector-lists';
import { IDEMPOTENCY_RETENTION_MS, purgeIdempotencyKeys } from '@/server/db/idempotency-keys';
import { purgeUsage } from '@/server/services/usage/purge-usage';
import { resumePurges } from './resume-purges';
import type { SweepTask } from './sweep-work';

export const DEFAULT_SWEEP_TASKS: readonly SweepTask[] = [
  { name: 'automatic dreams', run: (db, now) => scheduleDueDreams(db, now) },
  { name: 'planner statistics', run: (db, now) => refreshPlannerStatistics(db, now) },
  { name: 'interrupted purges', run: (db, now) => resumePurges(db, now) },
  { name: 'embedding signatures', run: (db) => backfillSignatures(db) },
  { name: 'vector lists', run: (db) => maintainVectorLists(db) },
  { name: 'idempotency keys', run: (db, now) => purgeIdempotencyKeys(db, { now, retentionMs: IDEMPOTENCY_RETENTION_MS }) },
  { name: 'usage retention', run: (db, now) => purgeUsage(db, now) },
];

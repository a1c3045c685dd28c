import 'server-only';
// The embedded database (PGlite) runs no autovacuum daemon, so nothing refreshes the planner's statistics or reclaims
// dead rows by itself. Without it:
// - the planner keeps the statistics of the first analysis (at start-up: empty tables) while the data grows, and picks
//   row-by-row plans that made a vector search take 9 s instead of 20 ms at 10k messages; a 15-minute soak showed
//   search latency climbing window after window (p50 82 ms → 958 ms over 8 minutes at ~5k messages) for that reason;
// - the queue and search bookkeeping tables are small but rewritten on every write (one row version per enqueue,
//   claim, settle or message batch), and work items are deleted in bulk by the retention purge, so dead row versions
//   pile up for as long as the deployment runs.
// So workers do autovacuum's job on the embedded database, with autovacuum's own rule: every check (at most every
// MAINTENANCE_CHECK_MS, from the worker's sweep) reads the cumulative statistics of the tables below, ANALYZEs a table
// once 50 + 10 % of its rows changed since its last analysis, and VACUUMs (and analyzes) it once 50 + 20 % of its rows
// are dead. The check itself is one catalog query. A real server's autovacuum does all this, so it is skipped there.
import { readDatabaseConfig } from '@/server/config/database-config';
import type { DbClient } from './client';

export const MAINTENANCE_CHECK_MS = 15_000;

/** Tables whose statistics drive the hot plans or which are rewritten or bulk-deleted all day long. */
export const MAINTAINED_TABLES = [
  'messages',
  'message_embeddings',
  'conclusions',
  'conclusion_embeddings',
  'conclusion_messages',
  'work_items',
  'work_units',
  'work_workspace_turns',
  'work_unit_claims',
  'search_statistics',
  'search_term_statistics',
  'sessions',
  'rate_limit_buckets',
];

/** PostgreSQL's autovacuum defaults (autovacuum_analyze_threshold / _scale_factor, autovacuum_vacuum_*). */
const ANALYZE_THRESHOLD = { base: 50, scale: 0.1 };
const VACUUM_THRESHOLD = { base: 50, scale: 0.2 };

export type TableMaintenance = { analyzed: string[]; vacuumed: string[] };

let lastCheck = 0;

/**
 * On the embedded database, and at most every MAINTENANCE_CHECK_MS: ANALYZE / VACUUM the tables that changed enough.
 * Returns what it did, or null when it did not look (a real server, or checked moments ago).
 */
export async function refreshPlannerStatistics(db: DbClient, now: Date = new Date()): Promise<TableMaintenance | null> {
  if (readDatabaseConfig().mode !== 'embedded') return null;
  if (Math.abs(now.getTime() - lastCheck) < MAINTENANCE_CHECK_MS) return null;
  lastCheck = now.getTime();
  const tables = await db.$queryRaw<{ name: string; live: number; dead: number; modified: number }[]>`
    SELECT relname AS name, n_live_tup::float8 AS live, n_dead_tup::float8 AS dead, n_mod_since_analyze::float8 AS modified
    FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ANY(${MAINTAINED_TABLES}::text[])
    ORDER BY relname`;
  const done: TableMaintenance = { analyzed: [], vacuumed: [] };
  for (const table of tables) {
    // Names come from MAINTAINED_TABLES only; quoted all the same. VACUUM refuses to run inside a transaction, and
    // each of these statements is its own.
    const name = `"${table.name.replaceAll('"', '""')}"`;
    if (table.dead > VACUUM_THRESHOLD.base + VACUUM_THRESHOLD.scale * table.live) {
      await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${name}`);
      done.vacuumed.push(table.name);
      done.analyzed.push(table.name);
    } else if (table.modified > ANALYZE_THRESHOLD.base + ANALYZE_THRESHOLD.scale * table.live) {
      await db.$executeRawUnsafe(`ANALYZE ${name}`);
      done.analyzed.push(table.name);
    }
  }
  return done;
}

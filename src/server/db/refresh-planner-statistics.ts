import 'server-only';
// The embedded database (PGlite) runs no autovacuum daemon, so nothing refreshes the planner's statistics or reclaims
// dead rows by itself:
// - after a bulk load the planner keeps believing the tables are empty and picks row-by-row joins that made a vector
//   search take seconds (measured: 9 s instead of 20 ms at 10k messages), so the busiest tables are ANALYZEd;
// - the queue and search bookkeeping tables are small but rewritten on every write (one row version per enqueue,
//   claim, settle or message batch), and work items are deleted in bulk by the retention purge, so without VACUUM
//   they grow for as long as the deployment runs and every poll and search reads more dead versions. They are
//   vacuumed on the same schedule; VACUUM skips pages already all-visible, so a repeat costs little.
// Workers do this now and then when the database is embedded; a real server's autovacuum does it there.
import { readDatabaseConfig } from '@/server/config/database-config';
import type { DbClient } from './client';

export const STATISTICS_REFRESH_MS = 10 * 60_000;

/** Large tables whose statistics drive plans; ANALYZE samples them, so the cost is bounded whatever their size. */
const ANALYZED_TABLES = ['messages', 'message_embeddings', 'conclusions', 'conclusion_embeddings', 'conclusion_messages'];

/** Tables rewritten or bulk-deleted all day long: vacuumed (and analyzed) so dead row versions do not pile up. */
export const VACUUMED_TABLES = [
  'work_items',
  'work_units',
  'work_workspace_turns',
  'work_unit_claims',
  'search_statistics',
  'search_term_statistics',
  'sessions',
  'rate_limit_buckets',
];

let lastRefresh = 0;

/** ANALYZE / VACUUM when the database is embedded and the last refresh is older than the interval. */
export async function refreshPlannerStatistics(db: DbClient, now: Date = new Date()): Promise<boolean> {
  if (readDatabaseConfig().mode !== 'embedded') return false;
  if (now.getTime() - lastRefresh < STATISTICS_REFRESH_MS) return false;
  lastRefresh = now.getTime();
  for (const table of ANALYZED_TABLES) await db.$executeRawUnsafe(`ANALYZE ${table}`);
  // Outside any transaction (VACUUM refuses to run inside one); each statement is its own.
  for (const table of VACUUMED_TABLES) await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${table}`);
  return true;
}

import 'server-only';
// The embedded database (PGlite) runs no autovacuum daemon, so the planner's statistics never refresh by themselves:
// after a bulk load it keeps believing the tables are empty and picks row-by-row joins that made a vector search
// take seconds (measured: 9 s instead of 20 ms at 10k messages). Workers therefore ANALYZE the busiest tables now and
// then when the database is embedded. A real PostgreSQL server's autovacuum does this itself, so it is skipped there.
import { readDatabaseConfig } from '@/server/config/database-config';
import type { DbClient } from './client';

export const STATISTICS_REFRESH_MS = 10 * 60_000;

const TABLES = ['messages', 'message_embeddings', 'conclusions', 'conclusion_embeddings', 'conclusion_messages', 'work_items', 'work_units',
  'work_workspace_turns'];

let lastRefresh = 0;

/** ANALYZE the busiest tables when the database is embedded and the last refresh is older than the interval. */
export async function refreshPlannerStatistics(db: DbClient, now: Date = new Date()): Promise<boolean> {
  if (readDatabaseConfig().mode !== 'embedded') return false;
  if (now.getTime() - lastRefresh < STATISTICS_REFRESH_MS) return false;
  lastRefresh = now.getTime();
  for (const table of TABLES) await db.$executeRawUnsafe(`ANALYZE ${table}`);
  return true;
}

// The embedded database has no autovacuum, so workers refresh planner statistics themselves (at most every 10 min);
// a real server is left to its own autovacuum.
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { refreshPlannerStatistics, STATISTICS_REFRESH_MS, VACUUMED_TABLES } from '@/server/db/refresh-planner-statistics';
import { provideTestDatabase } from '../support/test-database';

const database = provideTestDatabase();

describe('planner statistics refresh', () => {
  afterEach(() => {
    process.env.RAPPORT_DATABASE_MODE = database.current.kind;
  });

  it('analyzes on an embedded database, then waits for the interval', async () => {
    process.env.RAPPORT_DATABASE_MODE = 'embedded';
    const start = new Date('2030-01-01T00:00:00Z');
    expect(await refreshPlannerStatistics(getDb(), start)).toBe(true);
    const [row] = await getDb().$queryRaw<{ analyzed: boolean }[]>`
      SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'messages'`;
    expect(row?.analyzed).toBe(true);
    expect(await refreshPlannerStatistics(getDb(), new Date(start.getTime() + 60_000))).toBe(false);
    expect(await refreshPlannerStatistics(getDb(), new Date(start.getTime() + STATISTICS_REFRESH_MS + 1))).toBe(true);
  });

  it('vacuums the tables rewritten on every write, so dead row versions do not pile up over months', async () => {
    process.env.RAPPORT_DATABASE_MODE = 'embedded';
    const db = getDb();
    const vacuumCounts = async () => {
      const rows = await db.$queryRaw<{ relname: string; vacuums: bigint }[]>`
        SELECT relname, vacuum_count AS vacuums FROM pg_stat_user_tables WHERE relname = ANY(${VACUUMED_TABLES}::text[])`;
      return new Map(rows.map((r) => [r.relname, Number(r.vacuums)]));
    };
    const before = await vacuumCounts();
    // Every listed table exists (a renamed table would make the sweep throw on every run).
    expect([...before.keys()].sort()).toEqual([...VACUUMED_TABLES].sort());
    expect(await refreshPlannerStatistics(db, new Date('2032-01-01T00:00:00Z'))).toBe(true);
    const after = await vacuumCounts();
    for (const table of VACUUMED_TABLES) expect(after.get(table), table).toBe(before.get(table)! + 1);
  });

  it('leaves a real server to its autovacuum', async () => {
    process.env.RAPPORT_DATABASE_MODE = 'server';
    expect(await refreshPlannerStatistics(getDb(), new Date('2031-01-01T00:00:00Z'))).toBe(false);
  });
});

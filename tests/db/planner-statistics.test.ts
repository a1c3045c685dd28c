// The embedded database has no autovacuum, so workers refresh planner statistics themselves (at most every 10 min);
// a real server is left to its own autovacuum.
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { refreshPlannerStatistics, STATISTICS_REFRESH_MS } from '@/server/db/refresh-planner-statistics';
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

  it('leaves a real server to its autovacuum', async () => {
    process.env.RAPPORT_DATABASE_MODE = 'server';
    expect(await refreshPlannerStatistics(getDb(), new Date('2031-01-01T00:00:00Z'))).toBe(false);
  });
});

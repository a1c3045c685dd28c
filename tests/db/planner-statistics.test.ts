// The embedded database has no autovacuum, so workers do its job there (autovacuum's thresholds, checked at most every
// 15 s); a real server is left to its own autovacuum. Time is injected, so the checks run back to back.
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { MAINTAINED_TABLES, MAINTENANCE_CHECK_MS, refreshPlannerStatistics } from '@/server/db/refresh-planner-statistics';
import { provideTestDatabase } from '../support/test-database';

const database = provideTestDatabase();

/** Activity counters of rate_limit_buckets as the cumulative statistics show them now. */
async function activity(): Promise<number> {
  const [row] = await getDb().$queryRaw<{ n: bigint }[]>`
    SELECT (n_tup_ins + n_tup_del)::bigint AS n FROM pg_stat_user_tables WHERE relname = 'rate_limit_buckets'`;
  return Number(row!.n);
}

/**
 * Runs `sql` and waits until the table statistics show it: a backend publishes its counts when it goes idle after a
 * commit (forced here, otherwise rate-limited to once a second), and on a server pool that may be another connection.
 */
async function changeAndPublish(sql: TemplateStringsArray): Promise<void> {
  const seen = await activity();
  await getDb().$transaction(async (tx) => {
    await tx.$executeRaw(sql);
    await tx.$queryRaw`SELECT pg_stat_force_next_flush()::text`;
  });
  for (let i = 0; i < 100 && (await activity()) === seen; i += 1) await new Promise((r) => setTimeout(r, 20));
}

const counts = async (table: string) => {
  const [row] = await getDb().$queryRaw<{ analyses: bigint; vacuums: bigint }[]>`
    SELECT analyze_count AS analyses, vacuum_count AS vacuums FROM pg_stat_user_tables WHERE relname = ${table}`;
  return { analyses: Number(row!.analyses), vacuums: Number(row!.vacuums) };
};

describe('table maintenance on the embedded database', () => {
  afterEach(() => {
    process.env.RAPPORT_DATABASE_MODE = database.current.kind;
  });

  it('analyzes a table once enough of it changed, vacuums it once enough of it is dead, and checks at most every 15 s', async () => {
    process.env.RAPPORT_DATABASE_MODE = 'embedded';
    const t0 = Date.parse('2030-01-01T00:00:00Z');
    const at = (ms: number) => new Date(t0 + ms);
    // Whatever the fresh database needs first.
    expect(await refreshPlannerStatistics(getDb(), at(0))).not.toBeNull();
    expect(await refreshPlannerStatistics(getDb(), at(MAINTENANCE_CHECK_MS - 1))).toBeNull();

    const before = await counts('rate_limit_buckets');
    await changeAndPublish`
      INSERT INTO rate_limit_buckets (key, window_start, count, expires_at)
      SELECT 'maintenance-' || g, now(), 1, now() + interval '1 hour' FROM generate_series(1, 300) g`;
    const grown = await refreshPlannerStatistics(getDb(), at(MAINTENANCE_CHECK_MS));
    expect(grown?.analyzed).toContain('rate_limit_buckets');
    expect(grown?.vacuumed).not.toContain('rate_limit_buckets');
    expect(await counts('rate_limit_buckets')).toEqual({ analyses: before.analyses + 1, vacuums: before.vacuums });

    // Nothing changed since: nothing to do for that table.
    const idle = await refreshPlannerStatistics(getDb(), at(2 * MAINTENANCE_CHECK_MS));
    expect(idle?.analyzed).not.toContain('rate_limit_buckets');

    await changeAndPublish`DELETE FROM rate_limit_buckets WHERE key LIKE 'maintenance-%'`;
    const shrunk = await refreshPlannerStatistics(getDb(), at(3 * MAINTENANCE_CHECK_MS));
    expect(shrunk?.vacuumed).toContain('rate_limit_buckets');
    expect((await counts('rate_limit_buckets')).vacuums).toBe(before.vacuums + 1);
  });

  it('maintains only tables that exist (a renamed table would fail every sweep)', async () => {
    const rows = await getDb().$queryRaw<{ relname: string }[]>`
      SELECT relname FROM pg_stat_user_tables WHERE relname = ANY(${MAINTAINED_TABLES}::text[])`;
    expect(rows.map((r) => r.relname).sort()).toEqual([...MAINTAINED_TABLES].sort());
  });

  it('leaves a real server to its autovacuum', async () => {
    process.env.RAPPORT_DATABASE_MODE = 'server';
    expect(await refreshPlannerStatistics(getDb(), new Date('2031-01-01T00:00:00Z'))).toBeNull();
  });
});

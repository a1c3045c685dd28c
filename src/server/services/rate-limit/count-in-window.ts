import 'server-only';
// Fixed-window counters in Postgres (rate_limit_buckets), shared by every web instance: one atomic upsert per hit
// increments the key's count in the current window — or starts a new window — and returns the new count. Windows are
// aligned to the database clock, so instances with skewed clocks still agree on them; a hit that computed the previous
// window a moment before another instance opened the next one counts in the newer window instead of resetting it.
import { getDb, type DbClient } from '@/server/db/client';

export type WindowCount = {
  /** Hits in the current window, this one included. */
  count: number;
  /** Whole seconds until the window resets (≥ 1). */
  resetSeconds: number;
};

type Row = { count: number; reset_seconds: number };

/** Expired buckets are swept on roughly this share of hits, so the table stays the size of the active key set. */
const SWEEP_PROBABILITY = 0.01;

export async function countInWindow(key: string, windowSeconds: number, db: DbClient = getDb()): Promise<WindowCount> {
  const [row] = await db.$queryRaw<Row[]>`
    WITH w AS (
      SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp())::float8 / ${windowSeconds}::int) * ${windowSeconds}::int) AS start
    )
    INSERT INTO rate_limit_buckets AS b (key, window_start, count, expires_at)
    SELECT ${key}, w.start, 1, w.start + make_interval(secs => ${windowSeconds}::int) FROM w
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN b.window_start >= EXCLUDED.window_start THEN b.count + 1 ELSE 1 END,
      window_start = CASE WHEN b.window_start >= EXCLUDED.window_start THEN b.window_start ELSE EXCLUDED.window_start END,
      expires_at = CASE WHEN b.window_start >= EXCLUDED.window_start THEN b.expires_at ELSE EXCLUDED.expires_at END
    RETURNING count, greatest(1, ceil(extract(epoch FROM (expires_at - clock_timestamp()))))::int AS reset_seconds`;
  if (!row) throw new Error('rate_limit_buckets upsert returned no row');
  if (Math.random() < SWEEP_PROBABILITY) {
    await db.$executeRaw`DELETE FROM rate_limit_buckets WHERE expires_at < clock_timestamp() - interval '1 minute'`;
  }
  return { count: Number(row.count), resetSeconds: Number(row.reset_seconds) };
}

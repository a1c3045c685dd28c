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

/**
 * Counts one hit. With `cap`, a key whose count already reached it in the current window is left untouched (no row
 * version is written) and reported at the cap: a flood past a limit costs a lock, not a write per request.
 */
export async function countInWindow(key: string, windowSeconds: number, db: DbClient = getDb(), cap: number = 2_147_483_647): Promise<WindowCount> {
  const rows = await db.$queryRaw<Row[]>`
    WITH w AS (
      SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp())::float8 / ${windowSeconds}::int) * ${windowSeconds}::int) AS start
    ), hit AS (
      INSERT INTO rate_limit_buckets AS b (key, window_start, count, expires_at)
      SELECT ${key}, w.start, 1, w.start + make_interval(secs => ${windowSeconds}::int) FROM w
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN b.window_start >= EXCLUDED.window_start THEN b.count + 1 ELSE 1 END,
        window_start = CASE WHEN b.window_start >= EXCLUDED.window_start THEN b.window_start ELSE EXCLUDED.window_start END,
        expires_at = CASE WHEN b.window_start >= EXCLUDED.window_start THEN b.expires_at ELSE EXCLUDED.expires_at END
      WHERE b.window_start < EXCLUDED.window_start OR b.count < ${cap}::int
      RETURNING count, expires_at
    )
    SELECT count, greatest(1, ceil(extract(epoch FROM (expires_at - clock_timestamp()))))::int AS reset_seconds FROM hit
    UNION ALL
    -- No hit row means the upsert's WHERE refused the latest committed version: the key is at the cap. Its count is
    -- not read here, because this SELECT sees the statement's snapshot, which under concurrent hits can predate the
    -- increments that reached the cap (seen as 12 checked guesses for a budget of 10 on PostgreSQL 15).
    SELECT ${cap}::int AS count, greatest(1, ceil(extract(epoch FROM (expires_at - clock_timestamp()))))::int AS reset_seconds
      FROM rate_limit_buckets WHERE key = ${key} AND NOT EXISTS (SELECT 1 FROM hit)`;
  const row = rows[0];
  if (Math.random() < SWEEP_PROBABILITY) {
    await db.$executeRaw`DELETE FROM rate_limit_buckets WHERE expires_at < clock_timestamp() - interval '1 minute'`;
  }
  // No row at all: capped by a row this statement's snapshot predates (a concurrent first hit); it is at the cap.
  if (!row) return { count: cap, resetSeconds: windowSeconds };
  return { count: Number(row.count), resetSeconds: Number(row.reset_seconds) };
}

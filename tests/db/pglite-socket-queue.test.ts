// The embedded database under concurrency: pglite-socket runs every connection on one backend, so one connection's
// extended-protocol query must not be split by another connection's transaction (src/server/db/pglite-socket-queue.ts).
// Before the fix this mix failed with "unnamed prepared statement does not exist" or hung.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/server/db/embedded-postgres';

let db: EmbeddedPostgres;
beforeAll(async () => {
  db = await startEmbeddedPostgres({});
});
afterAll(async () => {
  await db?.stop();
});

describe('embedded database with concurrent connections', () => {
  it('keeps parameterised queries intact while other connections run transactions', { timeout: 120_000 }, async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 8 });
    const failures: string[] = [];
    let wrong = 0;
    try {
      await pool.query('CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)');
      await pool.query('INSERT INTO counters VALUES (1, 0)');
      await Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          for (let i = 0; i < 15; i += 1) {
            try {
              if (worker % 2) {
                const client = await pool.connect();
                try {
                  await client.query('BEGIN');
                  await client.query('UPDATE counters SET n = n + $1 WHERE id = $2', [1, 1]);
                  await new Promise((resolve) => setTimeout(resolve, 1));
                  await client.query('SELECT n FROM counters WHERE id = $1', [1]);
                  await client.query('COMMIT');
                } finally {
                  client.release();
                }
              } else {
                const value = worker * 1000 + i;
                const { rows } = await pool.query<{ v: number; t: string }>('SELECT $1::int AS v, $2::text AS t', [value, `w${worker}`]);
                if (rows[0]?.v !== value || rows[0]?.t !== `w${worker}`) wrong += 1;
              }
            } catch (error) {
              failures.push((error as Error).message);
            }
          }
        }),
      );
      expect(failures).toEqual([]);
      expect(wrong).toBe(0);
      const { rows } = await pool.query<{ n: number }>('SELECT n FROM counters WHERE id = 1');
      expect(rows[0]?.n).toBe(4 * 15);
    } finally {
      await pool.end();
    }
  });
});

// Every foreign key of the migrated schema has an index whose leading columns are exactly its columns (docs/scaling.md).
// Without one, deleting a referenced row (a peer, a session, a user) scans the whole referencing table for each
// row deleted, and a cascade over a large table holds its transaction for minutes.
import { describe, expect, it } from 'vitest';
import { provideTestDatabase, withClient } from '../support/test-database';

const database = provideTestDatabase();

type Unindexed = { table: string; constraint: string; columns: string };

/** Foreign keys with no index whose first n columns are the key's n columns, in any order. */
const UNINDEXED_FOREIGN_KEYS = `
  SELECT c.conrelid::regclass::text AS table, c.conname AS constraint,
         (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns
  FROM pg_constraint c
  WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
    AND NOT EXISTS (
      SELECT 1 FROM pg_index i
      WHERE i.indrelid = c.conrelid
        AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
        AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
  ORDER BY 1, 2`;

describe('foreign key indexes', () => {
  it('covers every foreign key of the schema with an index leading with its columns', async () => {
    const { foreignKeys, unindexed } = await withClient(database.current.url, async (c) => ({
      foreignKeys: Number((await c.query(`SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`)).rows[0].n),
      unindexed: (await c.query<Unindexed>(UNINDEXED_FOREIGN_KEYS)).rows,
    }));
    // The query sees the schema's keys (a broken catalog query would find none and pass vacuously).
    expect(foreignKeys).toBeGreaterThan(30);
    expect(unindexed).toEqual([]);
  });

  it('detects a foreign key without such an index', async () => {
    const unindexed = await withClient(database.current.url, async (c) => {
      await c.query('BEGIN');
      try {
        // An index on (other, peer_id) does not lead with peer_id, so it does not count.
        await c.query('CREATE TABLE fk_probe (other int, peer_id text REFERENCES peers (id))');
        await c.query('CREATE INDEX ON fk_probe (other, peer_id)');
        return (await c.query<Unindexed>(UNINDEXED_FOREIGN_KEYS)).rows;
      } finally {
        await c.query('ROLLBACK');
      }
    });
    expect(unindexed).toEqual([{ table: 'fk_probe', constraint: 'fk_probe_peer_id_fkey', columns: 'peer_id' }]);
  });
});

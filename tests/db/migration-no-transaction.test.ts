// Migrations marked `-- rapport:no-transaction` (docs/scaling.md, Building indexes on a live server) run statement
// by statement outside a transaction, so they can build indexes CONCURRENTLY. A build cut off midway — here by a duplicate key, as a crash or
// a cancelled build would — leaves an INVALID index and no history row; the next run drops the broken index, builds it
// again and records the migration once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError } from '@/server/db/migrate';
import { createTestDatabase, withClient, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-migrations-'));
  const write = (name: string, sql: string) => {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  };
  write('20000101000000_codes', "CREATE TABLE nt_codes (id int NOT NULL, code text NOT NULL);\nINSERT INTO nt_codes VALUES (1, 'a'), (2, 'a');\n");
  write(
    '20000101000001_code_indexes',
    '-- rapport:no-transaction\n-- Built without blocking writes on a live server.\n' +
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS nt_codes_id ON nt_codes (id);\n' +
      'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS nt_codes_code ON nt_codes (code);\n',
  );
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const indexes = () =>
  withClient(database.url, async (c) => {
    const { rows } = await c.query<{ name: string; valid: boolean }>(
      `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE i.indrelid = 'nt_codes'::regclass ORDER BY 1`,
    );
    return rows.map((r) => [r.name, r.valid]);
  });

const history = () =>
  withClient(database.url, async (c) => {
    const { rows } = await c.query<{ finished: boolean; rolled_back: boolean }>(
      `SELECT finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM "_prisma_migrations"
       WHERE migration_name = '20000101000001_code_indexes' ORDER BY started_at, finished_at NULLS FIRST`,
    );
    return rows.map((r) => [r.finished, r.rolled_back]);
  });

describe('a migration marked to run outside a transaction', () => {
  it('builds indexes concurrently, and a build cut off midway is dropped and rebuilt on the next run', { timeout: 60_000 }, async () => {
    await expect(applyMigrations(database.url, { dir })).rejects.toBeInstanceOf(MigrationError);
    // The first statement's index stays (it is re-runnable); the failed unique build left an invalid index.
    expect(await indexes()).toEqual([
      ['nt_codes_code', false],
      ['nt_codes_id', true],
    ]);
    expect(await history()).toEqual([[false, true]]);

    await withClient(database.url, (c) => c.query('DELETE FROM nt_codes WHERE id = 2'));
    const second = await applyMigrations(database.url, { dir });
    expect(second.applied).toEqual(['20000101000001_code_indexes']);
    expect(await indexes()).toEqual([
      ['nt_codes_code', true],
      ['nt_codes_id', true],
    ]);
    expect(await history()).toEqual([
      [false, true],
      [true, false],
    ]);
    await expect(withClient(database.url, (c) => c.query("INSERT INTO nt_codes VALUES (3, 'a')"))).rejects.toThrow(/duplicate key/);
    expect((await applyMigrations(database.url, { dir })).applied).toEqual([]);
  });
});

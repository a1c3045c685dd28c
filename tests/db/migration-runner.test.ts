// The project's migration runner: applies every migration once, records them exactly like `prisma migrate deploy`,
// and leaves nothing half-applied when a migration fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationChecksum, readMigrations } from '@/server/db/migrate';
import { createTestDatabase, withClient, type TestDatabase } from '../support/test-database';

describe('migration runner', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => db.close());

  it('applies every committed migration to a fresh database, then is a no-op', async () => {
    const committed = readMigrations().map((m) => m.name);
    expect(committed.length).toBeGreaterThan(0);

    const first = await applyMigrations(db.url);
    expect(first.applied).toEqual(committed);
    expect(first.alreadyApplied).toEqual([]);

    const second = await applyMigrations(db.url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(committed);

    const tables = await withClient(db.url, (c) =>
      c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'messages'`),
    );
    expect(Number(tables.rows[0]?.n)).toBe(1);
  });

  it("records migrations in Prisma's _prisma_migrations format", async () => {
    const columns = await withClient(db.url, (c) =>
      c.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      ),
    );
    expect(columns.rows).toEqual([
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'migration_name', data_type: 'character varying', is_nullable: 'NO' },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'started_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO' },
    ]);
    const rows = await withClient(db.url, (c) => c.query('SELECT * FROM _prisma_migrations ORDER BY started_at'));
    const files = readMigrations();
    expect(rows.rows).toHaveLength(files.length);
    rows.rows.forEach((row, i) => {
      const file = files[i]!;
      expect(row.migration_name).toBe(file.name);
      expect(row.checksum).toBe(migrationChecksum(file.sql));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    });
  });

  it('rolls back a failing migration, records the failure, and applies it once fixed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-migrations-'));
    const broken = path.join(dir, '20990101000000_broken');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE probe_ok (id int);\nSELECT * FROM table_that_does_not_exist;\n');

    await expect(applyMigrations(db.url, { dir })).rejects.toThrow(/20990101000000_broken failed/);
    const afterFailure = await withClient(db.url, async (c) => ({
      probe: await c.query(`SELECT to_regclass('public.probe_ok') AS t`),
      record: await c.query(`SELECT logs, rolled_back_at, finished_at FROM _prisma_migrations WHERE migration_name = '20990101000000_broken'`),
    }));
    expect(afterFailure.probe.rows[0]?.t).toBeNull();
    expect(afterFailure.record.rows[0]?.finished_at).toBeNull();
    expect(afterFailure.record.rows[0]?.rolled_back_at).toBeInstanceOf(Date);
    expect(afterFailure.record.rows[0]?.logs).toMatch(/table_that_does_not_exist/);

    fs.writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE probe_ok (id int);\n');
    const fixed = await applyMigrations(db.url, { dir });
    expect(fixed.applied).toEqual(['20990101000000_broken']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

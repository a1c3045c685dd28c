// Crash-safe migrations (docs/scaling.md): a process killed with SIGKILL in the middle of a migration must not block later
// starts (the history row used to be written before BEGIN, so the half-run migration stayed "failed" forever), and
// two instances preparing the same fresh database at once must both succeed with the schema applied once (vector
// setup used to run outside the advisory lock).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '@/server/db/migrate';
import { prepareDatabase } from '@/server/db/prepare-database';
import { createTestDatabase, TEST_EMBEDDING_DIMENSIONS, withClient, type TestDatabase } from '../support/test-database';

let child: ChildProcess | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await database?.close();
  database = undefined;
});

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-crash-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

/** Starts the migrating child and resolves once it is inside `hangOn`'s transaction. */
function startDoomedMigration(url: string, dir: string, hangOn: string): Promise<ChildProcess> {
  const root = path.resolve(import.meta.dirname, '../..');
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a second process that SIGKILL would not reach.
  const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/db/fixtures/migrate-and-hang.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, MIGRATIONS_DIR: dir, HANG_ON: hangOn, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`migration child never got inside ${hangOn}:\n${text}`)), 90_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes(`INSIDE ${hangOn}`)) {
        clearTimeout(timer);
        resolve(proc);
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`migration child exited early (${signal ?? code}):\n${text}`));
    });
  });
}

function killed(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

describe('a process killed in the middle of a migration', () => {
  it('leaves nothing behind, so the next start applies the migration', { timeout: 150_000 }, async () => {
    database = await createTestDatabase({ migrate: false });
    const dir = migrationsDir({
      '20990301000000_first': 'CREATE TABLE crash_probe_first (id int);\n',
      '20990302000000_second': 'CREATE TABLE crash_probe_second (id int);\nINSERT INTO crash_probe_second VALUES (1);\n',
    });
    const proc = await startDoomedMigration(database.url, dir, '20990302000000_second');
    await killed(proc);

    const result = await applyMigrations(database.url, { dir });
    expect(result).toEqual({ applied: ['20990302000000_second'], alreadyApplied: ['20990301000000_first'] });
    await withClient(database.url, async (c) => {
      const history = await c.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
        `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
         FROM _prisma_migrations ORDER BY started_at`,
      );
      expect(history.rows).toEqual([
        { migration_name: '20990301000000_first', finished: true, rolled_back: false },
        { migration_name: '20990302000000_second', finished: true, rolled_back: false },
      ]);
      expect((await c.query('SELECT id FROM crash_probe_second')).rows).toEqual([{ id: 1 }]);
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('two instances booting at once against a fresh database', () => {
  it('both succeed, and every migration and the vector setup are applied once', { timeout: 240_000 }, async () => {
    database = await createTestDatabase({ migrate: false });
    const boot = () => prepareDatabase(database!.url, { vectorPreference: 'auto', embeddingDimensions: TEST_EMBEDDING_DIMENSIONS });
    const [a, b] = await Promise.all([boot(), boot()]);

    const committed = readMigrations().map((m) => m.name);
    // Each migration was applied by exactly one of them; the other found it done.
    expect([...a.migrations.applied, ...b.migrations.applied].sort()).toEqual(committed);
    expect([...a.migrations.alreadyApplied, ...b.migrations.alreadyApplied].sort()).toEqual(committed);
    expect(a.vector).toEqual(b.vector);
    await withClient(database.url, async (c) => {
      const history = await c.query<{ migration_name: string; n: number }>(
        `SELECT migration_name, count(*)::int AS n FROM _prisma_migrations
         WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL GROUP BY migration_name ORDER BY migration_name`,
      );
      expect(history.rows).toEqual(committed.map((migration_name) => ({ migration_name, n: 1 })));
      const failed = await c.query(`SELECT 1 FROM _prisma_migrations WHERE finished_at IS NULL`);
      expect(failed.rowCount).toBe(0);
    });
  });
});

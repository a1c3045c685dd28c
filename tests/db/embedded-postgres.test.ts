// The embedded PostgreSQL keeps its data across restarts, and only one process may own a data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, startEmbeddedPostgres } from '@/server/db/embedded-postgres';
import { prepareDatabase } from '@/server/db/prepare-database';
import { withClient } from '../support/test-database';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-embedded-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('embedded PostgreSQL', () => {
  it('persists data in its directory across a stop and a start', async () => {
    const dataDir = path.join(root, 'nested', 'pglite');
    const first = await startEmbeddedPostgres({ dataDir });
    await prepareDatabase(first.url, { vectorPreference: 'auto', embeddingDimensions: 8 });
    await withClient(first.url, (c) => c.query(`INSERT INTO workspaces (id, name) VALUES ('w-persist', 'persist')`));
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    const again = await prepareDatabase(second.url, { vectorPreference: 'auto', embeddingDimensions: 8 });
    expect(again.migrations.applied).toEqual([]);
    expect(again.vector.mode).toBe('pgvector');
    const rows = await withClient(second.url, (c) => c.query<{ name: string }>('SELECT name FROM workspaces'));
    expect(rows.rows.map((r) => r.name)).toEqual(['persist']);
    await second.stop();
  });

  it('serves several concurrent connections', async () => {
    const db = await startEmbeddedPostgres({});
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => withClient(db.url, (c) => c.query<{ v: number }>('SELECT $1::int AS v', [i]))),
    );
    expect(results.map((r) => r.rows[0]?.v)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    await db.stop();
  });

  it('refuses a data directory owned by another live process and takes over a stale lock', async () => {
    const dataDir = path.join(root, 'locked');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(`${dataDir}.lock`, String(holder.pid));
      expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dataDir)).toThrow(new RegExp(`process ${holder.pid}`));
    } finally {
      holder.kill();
    }
    await new Promise((resolve) => holder.once('exit', resolve));

    const release = acquireDataDirLock(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});

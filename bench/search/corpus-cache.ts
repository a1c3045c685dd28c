// Built corpora are kept and reused: a PostgreSQL database (or an embedded data directory) per target, named by its
// layout and a hash of everything that decides its contents — the data set, the plan, the migrations, the write-path
// code and the embedder. A change to any of them builds a new corpus; an unchanged re-run starts timing at once.
// A corpus being built lives under a `_loading` name and is renamed only when complete, so a killed load is redone.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { closeDb } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded-postgres';
import { prepareDatabase } from '@/server/db/prepare-database';
import { readDatabaseConfig } from '@/server/config/database-config';
import { getModelEngines } from '@/server/models';
import { maintainVectorLists } from '@/server/services/search/maintain-vector-lists';
import { planWorkspace } from './corpus-plan';
import type { Locomo } from './locomo';
import { loadWorkspace } from './load-corpus';
import type { BenchTarget } from './targets';

const PLAN_VERSION = 1;
// The code whose output a corpus stores; editing it makes stored corpora stale.
const WRITE_PATH = [
  'src/server/services/messages/insert-message-rows.ts',
  'src/server/services/messages/join-authors.ts',
  'src/server/services/search/store-message-embeddings.ts',
  'src/server/services/search/vector-list-assignment.ts',
  'src/server/services/search/maintain-vector-lists.ts',
  'src/server/services/search/train-centroids.ts',
  'src/server/services/conclusions/write-conclusions.ts',
  'src/server/services/conclusions/conclusion-embeddings.ts',
  'src/server/db/vector-storage.ts',
];

export function corpusName(target: BenchTarget, locomo: Locomo): string {
  const hash = createHash('sha256').update(`${PLAN_VERSION}:${locomo.fingerprint}:${target.workspaces}x${target.perWorkspace}`);
  const { embedder } = getModelEngines();
  hash.update(`${embedder.engine}:${embedder.dimensions}`);
  const migrations = path.resolve('prisma/migrations');
  for (const dir of fs.readdirSync(migrations).sort()) {
    const file = path.join(migrations, dir, 'migration.sql');
    if (fs.existsSync(file)) hash.update(dir).update(fs.readFileSync(file));
  }
  for (const file of WRITE_PATH) if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
  return `rb_${target.label.replace(/[^a-z0-9]/gi, '_')}_${hash.digest('hex').slice(0, 10)}`.toLowerCase();
}

export function workspaceNames(target: BenchTarget): string[] {
  return target.workspaces === 1 ? ['bench'] : Array.from({ length: target.workspaces }, (_, i) => `bench-w${String(i).padStart(3, '0')}`);
}

export type LoadRate = { messages: number; conclusions: number; seconds: number; listSeconds: number };

async function loadAll(url: string, target: BenchTarget, locomo: Locomo, concurrency: number): Promise<LoadRate> {
  const config = readDatabaseConfig();
  await prepareDatabase(url, { vectorPreference: config.vectorPreference, embeddingDimensions: config.embeddingDimensions });
  process.env.DATABASE_URL = url;
  // The loader keeps several sessions' transactions open while the same event loop embeds other sessions' texts; on
  // a loaded machine one of them sat idle past the app's 30 s default and the server ended it, 988k rows into a 1M
  // build. The loader's own connections wait as long as it takes; the app server started later keeps the default.
  const idleTimeout = process.env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS;
  process.env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = '0';
  const total = { messages: 0, conclusions: 0, seconds: 0, listSeconds: 0 };
  let lists = 0;
  const started = performance.now();
  const names = workspaceNames(target);
  let shown = 0;
  try {
    for (const [i, name] of names.entries()) {
      const report = await loadWorkspace(name, planWorkspace(locomo, target.perWorkspace, i), {
        concurrency,
        onProgress: (n) => {
          const done = total.messages + n;
          if (performance.now() - shown > 2000 || n === target.perWorkspace) {
            shown = performance.now();
            process.stdout.write(`\r  loaded ${done}/${target.workspaces * target.perWorkspace} messages, ${(done / ((performance.now() - started) / 1000)).toFixed(0)}/s   `);
          }
        },
      });
      total.messages += report.messages;
      total.conclusions += report.conclusions;
    }
    const db = (await import('@/server/db/client')).getDb();
    // What the worker's sweep would have done by then without pgvector: train the inverted-file lists of the large
    // workspaces and move their rows in (docs/vector-search.md).
    const listsStarted = performance.now();
    for (let round = 0; ; round += 1) {
      const step = await maintainVectorLists(db, { batch: 50_000 });
      if (step.trained + step.moved + step.retired === 0) break;
      process.stdout.write(`\r  vector lists: round ${round}, ${step.trained} trained, ${step.moved} rows moved   `);
    }
    lists = (performance.now() - listsStarted) / 1000;
    // What autovacuum would have done by the time a real deployment holds this much: fresh statistics and a
    // visibility map, so plans and index-only scans are the steady-state ones.
    await db.$executeRawUnsafe('VACUUM ANALYZE');
  } finally {
    await closeDb();
    if (idleTimeout === undefined) delete process.env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS;
    else process.env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = idleTimeout;
  }
  total.seconds = (performance.now() - started) / 1000;
  total.listSeconds = lists;
  process.stdout.write('\n');
  return total;
}

/** The URL of the target's database on the bench server, built first when missing. */
export async function ensurePgCorpus(adminUrl: string, target: BenchTarget, locomo: Locomo): Promise<{ url: string; name: string; load: LoadRate | null }> {
  const name = corpusName(target, locomo);
  const urlOf = (db: string) => Object.assign(new URL(adminUrl), { pathname: `/${db}` }).toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return { url: urlOf(name), name, load: null };
    const loading = `${name}_loading`;
    await admin.query(`DROP DATABASE IF EXISTS "${loading}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${loading}"`);
    console.log(`  building ${name} (${target.workspaces} × ${target.perWorkspace} messages)`);
    // Loading is bound by round trips, not CPU: several sessions in flight, each with its own pooled connection.
    process.env.DATABASE_POOL_SIZE ??= '10';
    const load = await loadAll(urlOf(loading), target, locomo, 6);
    await admin.query(`ALTER DATABASE "${loading}" RENAME TO "${name}"`);
    return { url: urlOf(name), name, load };
  } finally {
    await admin.end();
  }
}

/** The embedded data directory (RAPPORT_DATA_DIR layout: <dir>/pglite) of the target, built first when missing. */
export async function ensureEmbeddedCorpus(root: string, target: BenchTarget, locomo: Locomo): Promise<{ dataDir: string; name: string; load: LoadRate | null }> {
  const name = corpusName(target, locomo);
  const dataDir = path.join(root, name);
  if (fs.existsSync(dataDir)) return { dataDir, name, load: null };
  const loading = `${dataDir}.loading`;
  fs.rmSync(loading, { recursive: true, force: true });
  fs.mkdirSync(loading, { recursive: true });
  console.log(`  building ${name} in ${loading}`);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(loading, 'pglite') });
  let load: LoadRate;
  try {
    // One backend serves every connection: concurrent loaders would only queue behind each other.
    load = await loadAll(embedded.url, target, locomo, 1);
  } finally {
    await embedded.stop();
  }
  fs.renameSync(loading, dataDir);
  return { dataDir, name, load };
}

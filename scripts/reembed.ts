// `npm run reembed`: re-embeds every message and conclusion with the current embedder (EMBEDDING_* settings), in
// batches, printing progress; an interrupted run resumes where it stopped. When EMBEDDING_DIMENSIONS differs from the
// stored dimension, the vector columns are rebuilt first. Uses DATABASE_URL, else the running launcher's embedded
// database, else opens the embedded data directory itself (stop `npm run dev`/`npm start` first in that case).
//
//   npm run reembed                      # --batch 64 by default
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { readDatabaseConfig } from '@/server/config/database-config';
import { closeDb, getDb } from '@/server/db/client';
import { acquireDataDirLock, startEmbeddedPostgres } from '@/server/db/embedded-postgres';
import { prepareDatabase } from '@/server/db/prepare-database';
import { VECTOR_SETTING_KEY, type VectorStorage } from '@/server/db/vector-setup';
import { getModelEngines } from '@/server/models';
import { rebuildVectorColumns, reembedAll } from '@/server/services/search/reembed-all';
import { runningEmbeddedUrl } from './embedded-connection';

const log = (line: string) => console.log(`[rapport] ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '64' } } });
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a positive integer');
  const config = readDatabaseConfig();
  const dataDir = path.resolve(process.env.RAPPORT_DATA_DIR ?? '.data');
  let url = config.url ?? runningEmbeddedUrl(dataDir);
  let cleanup = async () => {};
  if (!url) {
    const pgDir = path.join(dataDir, 'pglite');
    const release = acquireDataDirLock(pgDir);
    const embedded = await startEmbeddedPostgres({ dataDir: pgDir });
    url = embedded.url;
    cleanup = async () => {
      await embedded.stop();
      release();
    };
  }
  try {
    const embedder = getModelEngines().embedder;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let storage: VectorStorage;
    try {
      const { rows } = await client.query<{ value: VectorStorage }>(`SELECT value FROM deployment_settings WHERE key = $1`, [VECTOR_SETTING_KEY]);
      const current = rows[0]?.value;
      if (current && current.dimensions !== embedder.dimensions) {
        log(`stored vectors have ${current.dimensions} dimensions; ${embedder.engine} produces ${embedder.dimensions}`);
        storage = await rebuildVectorColumns(client, embedder.dimensions, config.vectorPreference, log);
      } else {
        storage = (await prepareDatabase(url, { vectorPreference: config.vectorPreference, embeddingDimensions: embedder.dimensions, log })).vector;
      }
    } finally {
      await client.end();
    }
    process.env.DATABASE_URL = url;
    log(`re-embedding with ${embedder.engine} (${embedder.dimensions} dimensions, ${storage.mode})`);
    const report = await reembedAll(getDb(), storage, embedder, { batchSize, log });
    log(`done: ${report.messages} messages and ${report.conclusions} conclusions re-embedded${report.resumed ? ' (resumed)' : ''}`);
  } finally {
    await closeDb();
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(`[rapport] re-embed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

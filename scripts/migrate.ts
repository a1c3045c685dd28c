// `npm run migrate`: applies migrations and prepares vector storage on DATABASE_URL (used by the Vercel build and for
// servers managed by hand). Without DATABASE_URL it migrates the embedded database: through the running launcher if
// there is one, else by opening the data directory itself.
import path from 'node:path';
import { readDatabaseConfig } from '@/server/config/database-config';
import { acquireDataDirLock, startEmbeddedPostgres } from '@/server/db/embedded-postgres';
import { prepareDatabase } from '@/server/db/prepare-database';
import { runningEmbeddedUrl } from './embedded-connection';

const log = (line: string) => console.log(`[rapport] ${line}`);

async function main(): Promise<void> {
  const config = readDatabaseConfig();
  const dataDir = path.resolve(process.env.RAPPORT_DATA_DIR ?? '.data');
  const options = { vectorPreference: config.vectorPreference, embeddingDimensions: config.embeddingDimensions, log };
  const url = config.url ?? runningEmbeddedUrl(dataDir);
  if (url) {
    const result = await prepareDatabase(url, options);
    log(`${result.migrations.applied.length} migration(s) applied, ${result.migrations.alreadyApplied.length} already present; vectors: ${result.vector.mode}`);
    return;
  }
  const pgDir = path.join(dataDir, 'pglite');
  const release = acquireDataDirLock(pgDir);
  const embedded = await startEmbeddedPostgres({ dataDir: pgDir });
  try {
    const result = await prepareDatabase(embedded.url, options);
    log(`embedded database: ${result.migrations.applied.length} migration(s) applied; vectors: ${result.vector.mode}`);
  } finally {
    await embedded.stop();
    release();
  }
}

main().catch((error: unknown) => {
  console.error(`[rapport] migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

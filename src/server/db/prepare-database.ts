import 'server-only';
// Brings a database up to date before anything serves from it: migrations, then vector storage, both under the
// migration advisory lock, so instances booting together prepare it one after the other.
import pg from 'pg';
import { applyPendingMigrations, withMigrationLock, type MigrationResult } from './migrate';
import { ensureVectorStorage, type VectorPreference, type VectorStorage } from './vector-setup';

export type PreparedDatabase = { migrations: MigrationResult; vector: VectorStorage };

export async function prepareDatabase(
  url: string,
  options: { vectorPreference: VectorPreference; embeddingDimensions: number; migrationsDir?: string; log?: (line: string) => void },
): Promise<PreparedDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await withMigrationLock(client, async () => {
      const migrations = await applyPendingMigrations(client, { dir: options.migrationsDir, log: options.log });
      const vector = await ensureVectorStorage(client, {
        preference: options.vectorPreference,
        dimensions: options.embeddingDimensions,
        log: options.log,
      });
      return { migrations, vector };
    });
  } finally {
    await client.end();
  }
}

import 'server-only';
// What /health reports about the database: which kind it is, how vectors are stored, and whether it answers.
import { readDatabaseConfig } from '@/server/config/database-config';
import { getDb } from './client';
import { getVectorStorage } from './vector-storage';

export type DatabaseStatus = {
  database: 'embedded' | 'server';
  vector: 'pgvector' | 'fallback' | 'unknown';
  reachable: boolean;
};

export async function getDatabaseStatus(): Promise<DatabaseStatus> {
  const config = readDatabaseConfig();
  const database = config.mode;
  try {
    const db = getDb();
    await db.$queryRaw`SELECT 1`;
    const storage = await getVectorStorage(db).catch(() => null);
    return { database, vector: storage?.mode ?? 'unknown', reachable: true };
  } catch {
    return { database, vector: 'unknown', reachable: false };
  }
}

import 'server-only';
// Chooses how embeddings are stored, once at start-up, after migrations:
// - pgvector available → `vector(n)` columns with HNSW cosine indexes;
// - otherwise → the migrations' `real[]` columns with a covering index of their binary signatures: candidates by
//   Hamming distance, re-ranked by exact cosine in SQL (vector-search.ts).
// The choice and the dimension are recorded in deployment_settings; the rest of the app reads them from there.
import type pg from 'pg';
import { EMBEDDING_COLUMNS } from './sql-only-objects';

export type VectorMode = 'pgvector' | 'fallback';
export type VectorPreference = 'auto' | 'pgvector' | 'fallback';
export type VectorStorage = { mode: VectorMode; dimensions: number; pgvectorVersion: string | null };

type Sql = Pick<pg.ClientBase, 'query'>;

export const VECTOR_SETTING_KEY = 'vector_storage';

export class VectorSetupError extends Error {}

export async function ensureVectorStorage(
  sql: Sql,
  options: { preference: VectorPreference; dimensions: number; log?: (line: string) => void },
): Promise<VectorStorage> {
  const log = options.log ?? (() => {});
  const { dimensions } = options;
  const pgvectorVersion = options.preference === 'fallback' ? null : await enablePgvector(sql, options.preference, log);
  const mode: VectorMode = pgvectorVersion ? 'pgvector' : 'fallback';

  await sql.query('BEGIN');
  try {
    for (const { table, column, index, signatureIndex, signatureColumns, legacySignatureIndex } of EMBEDDING_COLUMNS) {
      const current = await columnType(sql, table, column);
      if (mode === 'pgvector') {
        if (current === 'real[]') {
          await assertDimensions(sql, table, column, dimensions);
          await sql.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE vector(${dimensions}) USING "${column}"::vector(${dimensions})`);
          log(`${table}.${column}: stored as vector(${dimensions})`);
        } else if (current !== `vector(${dimensions})`) {
          throw new VectorSetupError(
            `${table}.${column} is ${current} but EMBEDDING_DIMENSIONS is ${dimensions}. ` +
              'Changing the embedding dimension needs a re-embed (npm run reembed) or the previous EMBEDDING_DIMENSIONS.',
          );
        }
        await sql.query(`CREATE INDEX IF NOT EXISTS "${index}" ON "${table}" USING hnsw ("${column}" vector_cosine_ops)`);
        await sql.query(`DROP INDEX IF EXISTS "${signatureIndex}"`);
        await sql.query(`DROP INDEX IF EXISTS "${legacySignatureIndex}"`);
      } else {
        if (current !== 'real[]') {
          // pgvector was used before and is now refused or unavailable: keep the data, fall back to signature scans.
          await sql.query(`DROP INDEX IF EXISTS "${index}"`);
          await sql.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE real[] USING "${column}"::real[]`);
          log(`${table}.${column}: stored as real[] (signature candidates, exact cosine re-rank)`);
        }
        // By inverted-file list (docs/vector-search.md): a search reads the entries of the lists it probes, plus those
        // with no list yet; a workspace without lists is one range, as before lists existed.
        await sql.query(`CREATE INDEX IF NOT EXISTS "${signatureIndex}" ON "${table}" (workspace_id, list_id) INCLUDE (${signatureColumns})`);
        await sql.query(`DROP INDEX IF EXISTS "${legacySignatureIndex}"`);
      }
    }
    const storage: VectorStorage = { mode, dimensions, pgvectorVersion };
    await sql.query(
      `INSERT INTO deployment_settings (key, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [VECTOR_SETTING_KEY, JSON.stringify(storage)],
    );
    await sql.query('COMMIT');
    return storage;
  } catch (error) {
    await sql.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function enablePgvector(sql: Sql, preference: VectorPreference, log: (line: string) => void): Promise<string | null> {
  const available = await sql.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
  if (available.rowCount === 0) {
    if (preference === 'pgvector') throw new VectorSetupError('VECTOR_MODE=pgvector but the server has no pgvector extension.');
    log('pgvector is not installed on this server: embeddings use real[] with exact cosine search');
    return null;
  }
  try {
    await sql.query('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (preference === 'pgvector') throw new VectorSetupError(`Cannot enable pgvector: ${reason}`);
    log(`pgvector could not be enabled (${reason}): embeddings use real[] with exact cosine search`);
    return null;
  }
  const { rows } = await sql.query<{ extversion: string }>(`SELECT extversion FROM pg_extension WHERE extname = 'vector'`);
  return rows[0]?.extversion ?? null;
}

async function columnType(sql: Sql, table: string, column: string): Promise<string> {
  const { rows } = await sql.query<{ type: string }>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
     WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped`,
    [`public.${table}`, column],
  );
  const type = rows[0]?.type;
  if (!type) throw new VectorSetupError(`Column ${table}.${column} is missing: have the migrations run?`);
  return type;
}

async function assertDimensions(sql: Sql, table: string, column: string, dimensions: number): Promise<void> {
  const { rows } = await sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM "${table}" WHERE cardinality("${column}") <> $1`,
    [dimensions],
  );
  if (Number(rows[0]?.n ?? 0) > 0) {
    throw new VectorSetupError(
      `${table} holds embeddings whose dimension differs from EMBEDDING_DIMENSIONS=${dimensions}; run npm run reembed.`,
    );
  }
}

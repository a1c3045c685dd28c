// Database-related settings, read from the environment (documented in README's configuration table).
import { z } from 'zod';
import { parseEnv, type EnvSource } from './parse-env';

const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  // Set by the launcher when it started the embedded PostgreSQL; never set it by hand.
  RAPPORT_DATABASE_MODE: z.enum(['embedded', 'server']).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  VECTOR_MODE: z.enum(['auto', 'pgvector', 'fallback']).default('auto'),
  EMBEDDING_DIMENSIONS: z.coerce.number().int().min(2).max(16_000).default(384),
  // Caps how long any transaction waits for a connection and BEGIN (src/server/db/transaction-limits.ts).
  DATABASE_TRANSACTION_MAX_WAIT_MS: z.coerce.number().int().min(1).max(600_000).optional(),
  // A transaction left idle this long is ended (docs/embedded-database.md); 0 turns it off.
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(30_000),
  // The longest one statement of the app may run on a PostgreSQL server; 0 (default) leaves the server's own setting.
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(0),
  // The embedded database's password; unset: generated once into <RAPPORT_DATA_DIR>/embedded-db-password.
  EMBEDDED_DB_PASSWORD: z.string().min(1).optional(),
});

export type DatabaseConfig = {
  url: string | undefined;
  mode: 'embedded' | 'server';
  poolSize: number;
  vectorPreference: 'auto' | 'pgvector' | 'fallback';
  embeddingDimensions: number;
  transactionMaxWaitMs: number | undefined;
  idleInTransactionTimeoutMs: number;
  statementTimeoutMs: number;
  embeddedPassword: string | undefined;
};

export function readDatabaseConfig(env: EnvSource = process.env): DatabaseConfig {
  const e = parseEnv(schema, env);
  return {
    url: e.DATABASE_URL,
    mode: e.RAPPORT_DATABASE_MODE ?? 'server',
    poolSize: e.DATABASE_POOL_SIZE,
    vectorPreference: e.VECTOR_MODE,
    embeddingDimensions: e.EMBEDDING_DIMENSIONS,
    transactionMaxWaitMs: e.DATABASE_TRANSACTION_MAX_WAIT_MS,
    idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    embeddedPassword: e.EMBEDDED_DB_PASSWORD,
  };
}

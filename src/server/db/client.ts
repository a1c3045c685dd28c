import 'server-only';
// The one Prisma client of the process (web server, worker, or test file), over node-postgres via the driver adapter.
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from '@/generated/prisma/client';
import { readDatabaseConfig, type DatabaseConfig } from '@/server/config/database-config';
import { createVectorAwarePool } from './vector-session';

export type Db = PrismaClient;
/** A client or an interactive transaction: what data-layer functions accept. */
export type DbClient = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

// Kept on globalThis so Next's dev-mode module reloading does not open a new pool on every edit.
const holder = globalThis as unknown as { rapportDb?: { url: string; client: PrismaClient } };

export class DatabaseNotConfiguredError extends Error {
  constructor() {
    super('DATABASE_URL is not set. Start Rapport with `npm run dev` / `npm start` (embedded database) or set DATABASE_URL.');
  }
}

export function getDb(): Db {
  const config = readDatabaseConfig();
  if (!config.url) throw new DatabaseNotConfiguredError();
  if (holder.rapportDb?.url === config.url) return holder.rapportDb.client;
  const previous = holder.rapportDb?.client;
  const client = createDbClient(config.url, config.poolSize, sessionTimeouts(config), poolWaitMs(config));
  holder.rapportDb = { url: config.url, client };
  if (previous) void previous.$disconnect();
  return client;
}

export type SessionTimeouts = { statementTimeoutMs: number; idleInTransactionTimeoutMs: number };

/** The longest any interactive transaction waits to start (transaction-limits.ts): a plain query waits as long. */
const DEFAULT_POOL_WAIT_MS = 30_000;

/**
 * How long a statement outside a transaction may wait for a pooled connection before it fails (and the request
 * answers 503: database-unavailable.ts). node-postgres waits forever by default, so one saturated pool would hang
 * every plain query while transactions already gave up; DATABASE_TRANSACTION_MAX_WAIT_MS caps both alike.
 */
export function poolWaitMs(config: Pick<DatabaseConfig, 'transactionMaxWaitMs'>): number {
  return config.transactionMaxWaitMs ?? DEFAULT_POOL_WAIT_MS;
}

/**
 * The timeouts the app's connections set: only on a PostgreSQL server. PGlite hangs when one of PostgreSQL's timers
 * is armed inside a transaction, so the embedded database gets none (its socket refuses them, and cuts idle
 * transactions itself: docs/embedded-database.md).
 */
export function sessionTimeouts(config: Pick<DatabaseConfig, 'mode' | 'statementTimeoutMs' | 'idleInTransactionTimeoutMs'>): SessionTimeouts | undefined {
  if (config.mode === 'embedded') return undefined;
  return { statementTimeoutMs: config.statementTimeoutMs, idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs };
}

/**
 * A Prisma client over its own pool (whose connections carry the vector search settings, vector-session.ts). The
 * timeouts are set on each connection, so a PostgreSQL server ends a runaway statement or a transaction the app left
 * idle (0: the server's own setting).
 */
export function createDbClient(url: string, poolSize?: number, timeouts?: SessionTimeouts, connectionWaitMs?: number): PrismaClient {
  const settings: Record<string, string> = {};
  if (timeouts?.statementTimeoutMs) settings.statement_timeout = `${timeouts.statementTimeoutMs}ms`;
  if (timeouts?.idleInTransactionTimeoutMs) settings.idle_in_transaction_session_timeout = `${timeouts.idleInTransactionTimeoutMs}ms`;
  const pool = createVectorAwarePool({ connectionString: url, max: poolSize, connectionTimeoutMillis: connectionWaitMs }, settings);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

// Each client's pool, so the metrics can report how busy the process's own pool is. On globalThis like the client
// itself: in a production build the route that scrapes and the code that opened the client can be separate copies
// of this module.
// The same map serves the few statements that bypass Prisma (raw-rows.ts, through poolOf).
const poolHolder = globalThis as unknown as { rapportDbPools?: WeakMap<object, pg.Pool> };
const pools = (poolHolder.rapportDbPools ??= new WeakMap<object, pg.Pool>());

export type PoolUsage = { total: number; idle: number; waiting: number; max: number };

/** Connections of the process-wide client's pool right now; null before getDb() first opened it. */
export function dbPoolUsage(): PoolUsage | null {
  const client = holder.rapportDb?.client;
  const pool = client && pools.get(client);
  if (!pool) return null;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

/** The node-postgres pool under `db`, when `db` is a client (not a transaction) created here. */
export function poolOf(db: DbClient): pg.Pool | undefined {
  return pools.get(db);
}

/** Closes the pool (tests, worker shutdown). */
export async function closeDb(): Promise<void> {
  const current = holder.rapportDb;
  holder.rapportDb = undefined;
  if (current) await current.client.$disconnect();
}

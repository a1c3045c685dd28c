import 'server-only';
// The embedded PostgreSQL: PGlite (PostgreSQL in WASM, with pgvector) served on 127.0.0.1 over the wire protocol, so
// the app, the worker and tests use the same driver and SQL as with a real server.
// Only one process may open a data directory (PGlite has no inter-process lock): `acquireDataDirLock` enforces it.
// Its socket listens on loopback only, demands a password, and is guarded so no client can hold or wedge the one
// backend every connection shares (docs/embedded-database.md).
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { requirePassword } from './pglite-socket-auth';
import { guardSharedBackend } from './pglite-socket-queue';

export const DEFAULT_IDLE_IN_TRANSACTION_MS = 30_000;

export type EmbeddedPostgres = { url: string; port: number; stop: () => Promise<void> };

export async function startEmbeddedPostgres(options: {
  /** Data directory; omit for an in-memory database (tests). */
  dataDir?: string;
  port?: number;
  maxConnections?: number;
  /** Password clients must give; omit for a random one (only this process learns it, through `url`). */
  password?: string;
  /** A connection holding the backend and silent this long is disconnected (0: never). Default 30 s. */
  idleInTransactionTimeoutMs?: number;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir, extensions: { vector, btree_gin, pg_trgm } });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    // The default of one connection would serialise the app's pool; every connection shares one backend anyway.
    maxConnections: options.maxConnections ?? 64,
  });
  // Without this, concurrent connections corrupt, hold or wedge each other's backend (see pglite-socket-queue.ts).
  guardSharedBackend(server, { idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_MS });
  const password = options.password ?? randomBytes(24).toString('base64url');
  requirePassword(server, password);
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.split(':').pop());
  let stopped = false;
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}

export class DataDirLockedError extends Error {}

/**
 * Takes `<dataDir>.lock` for this process. A lock left by a process that no longer exists is taken over.
 * Returns the release function.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The embedded database ${dataDir} is in use by process ${owner}. Stop that Rapport first, or set DATABASE_URL.`,
        );
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new DataDirLockedError(`Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

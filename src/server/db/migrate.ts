import 'server-only';
// The project's own migration runner: applies prisma/migrations/*/migration.sql in name order and records each one in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so either tool can take over a database from the other.
// Prisma's CLI cannot run here (it downloads a native engine first); this runner needs only a Postgres connection.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// Prisma's own table definition (schema-engine, Postgres flavour).
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// The advisory lock key Prisma takes around migrations, so several instances starting at once apply them once.
const PRISMA_ADVISORY_LOCK = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), 'prisma/migrations');

/**
 * First line of a migration that must run outside a transaction: `CREATE INDEX CONCURRENTLY`, which builds an index on
 * a live server without blocking writes, is refused inside one (docs/scaling.md, Building indexes on a live server).
 */
export const NO_TRANSACTION_MARKER = '-- rapport:no-transaction';

export type MigrationFile = { name: string; sql: string; checksum: string; transactional: boolean };
export type MigrationResult = { applied: string[]; alreadyApplied: string[] };

export class MigrationError extends Error {}

/** Prisma's checksum: lower-case hex SHA-256 of the migration file's bytes. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

export function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: migrationChecksum(sql), transactional: !sql.startsWith(NO_TRANSACTION_MARKER) };
    });
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export type MigrationOptions = {
  dir?: string;
  log?: (line: string) => void;
  /**
   * Called inside each migration's transaction, after its history row is written and before its script runs. Tests
   * use it to kill a process at exactly that point.
   */
  onMigrationStarted?: (name: string) => Promise<void>;
};

/** How long an instance waits between attempts to take the migration lock while another holds it. */
const LOCK_RETRY_MS = 200;

/**
 * Runs `work` holding the advisory lock Prisma takes around migrations, so several instances starting at once prepare
 * the database one after the other. A session lock: it goes with the connection if the process dies.
 *
 * The lock is tried, not waited for inside one statement: a statement blocked in `pg_advisory_lock` keeps its
 * snapshot open, and `CREATE INDEX CONCURRENTLY` in the holder's migration waits for every older snapshot to end, so
 * the two waited on each other and PostgreSQL aborted one as a deadlock. Between short attempts no snapshot is held.
 */
export async function withMigrationLock<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [PRISMA_ADVISORY_LOCK]);
    if (rows[0]?.locked) break;
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
  try {
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]).catch(() => {});
  }
}

/** Connects, takes the migration lock and applies what is pending (prepare-database.ts also sets up vectors under it). */
export async function applyMigrations(connectionString: string, options: MigrationOptions = {}): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await withMigrationLock(client, () => applyPendingMigrations(client, options));
  } finally {
    await client.end();
  }
}

/**
 * Applies every migration not yet recorded; the caller holds the migration lock. A migration whose previous attempt
 * was left started, never finished and not rolled back (only Prisma's CLI or this runner before it became
 * transactional could leave one) blocks the run, as with Prisma: the database needs a human look first. A recorded
 * migration whose file changed is reported, not re-applied.
 */
export async function applyPendingMigrations(client: pg.ClientBase, options: MigrationOptions = {}): Promise<MigrationResult> {
  const log = options.log ?? (() => {});
  const migrations = readMigrations(options.dir);
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and was not rolled back; inspect the database, then mark it ` +
        `rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}').`,
    );
  }
  const finished = new Map(rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const recorded = finished.get(migration.name);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) log(`warning: migration ${migration.name} was modified after it was applied`);
      result.alreadyApplied.push(migration.name);
      continue;
    }
    if (await (migration.transactional ? applyOne : applyOutsideTransaction)(client, migration, options)) {
      log(`applied migration ${migration.name}`);
      result.applied.push(migration.name);
    } else {
      result.alreadyApplied.push(migration.name);
    }
  }
  return result;
}

/**
 * Applies one migration; false when another instance applied it first. The history row is written in the
 * migration's own transaction (unlike Prisma, which writes it first and runs the script outside any transaction), so
 * a process killed midway leaves neither schema changes nor a row behind, and the next start simply applies it.
 */
async function applyOne(client: pg.ClientBase, migration: MigrationFile, options: MigrationOptions): Promise<boolean> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    // Re-checked inside the transaction: where the advisory lock is not exclusive (the embedded database serves every
    // connection from one backend), transactions still run one at a time, so this keeps two instances from both
    // applying a migration.
    if (await isApplied(client, migration)) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, migration.checksum, migration.name],
    );
    await options.onMigrationStarted?.(migration.name);
    await client.query(migration.sql);
    await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    // The transaction undid the script and its row; the attempt is recorded as rolled back, so the next run retries.
    throw await recordFailure(client, id, migration, error);
  }
}

/**
 * Applies a migration marked NO_TRANSACTION_MARKER, statement by statement, still under the caller's advisory lock.
 * Crash safety comes from re-running instead of rolling back: the history row is written only after the last
 * statement, so a process killed midway leaves no row and the next start runs the whole migration again. Every
 * statement must therefore be re-runnable (`IF NOT EXISTS`). A concurrent index build that was cut off leaves an
 * INVALID index behind, which `IF NOT EXISTS` would keep for good, so such an index is dropped before it is rebuilt.
 */
async function applyOutsideTransaction(client: pg.ClientBase, migration: MigrationFile, options: MigrationOptions): Promise<boolean> {
  if (await isApplied(client, migration)) return false;
  const id = randomUUID();
  try {
    await options.onMigrationStarted?.(migration.name);
    for (const statement of splitStatements(migration)) {
      const index = /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+IF\s+NOT\s+EXISTS\s+("[^"]+"|[\w.]+)/i.exec(statement);
      if (index) await dropInvalidIndex(client, index[1]!);
      await client.query(statement);
    }
    // Recorded in a transaction that checks again: where the advisory lock is not exclusive (the embedded database
    // serves every connection from one backend) two instances may both have run the re-runnable statements above,
    // but transactions still run one at a time there, so only the first records the migration as its own.
    await client.query('BEGIN');
    try {
      if (await isApplied(client, migration)) {
        await client.query('ROLLBACK');
        return false;
      }
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [id, migration.checksum, migration.name],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    return true;
  } catch (error) {
    throw await recordFailure(client, id, migration, error);
  }
}

async function isApplied(client: pg.ClientBase, migration: MigrationFile): Promise<boolean> {
  const done = await client.query(
    'SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
    [migration.name],
  );
  return (done.rowCount ?? 0) > 0;
}

/** Records a failed attempt as rolled back (so the next start retries it) and returns the error to throw. */
async function recordFailure(client: pg.ClientBase, id: string, migration: MigrationFile, error: unknown): Promise<MigrationError> {
  const message = error instanceof Error ? error.message : String(error);
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, logs, rolled_back_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), $4, now(), 0)`,
    [id, migration.checksum, migration.name, message],
  );
  return new MigrationError(`Migration ${migration.name} failed: ${message}`);
}

/**
 * The statements of a no-transaction migration: each ends with `;` at the end of a line. Sent one by one, because
 * PostgreSQL runs a multi-statement string as one implicit transaction. Dollar-quoted bodies are refused: a function
 * belongs in an ordinary, transactional migration.
 */
function splitStatements(migration: MigrationFile): string[] {
  if (migration.sql.includes('$$')) {
    throw new MigrationError(`Migration ${migration.name} runs outside a transaction and may not contain dollar-quoted bodies`);
  }
  return migration.sql
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((part) => part.split(/\r?\n/).filter((line) => !line.trim().startsWith('--')).join('\n').trim())
    .filter((part) => part !== '');
}

async function dropInvalidIndex(client: pg.ClientBase, name: string): Promise<void> {
  const { rows } = await client.query<{ index: string }>(
    'SELECT c.oid::regclass::text AS index FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE c.oid = to_regclass($1) AND NOT i.indisvalid',
    [name],
  );
  for (const row of rows) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${row.index}`);
}

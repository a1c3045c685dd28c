// The embedded database's socket cannot be used without its password, and no client can hold or wedge the one backend
// every connection shares (docs/embedded-database.md): a transaction left idle is cut after the idle-in-transaction
// timeout, and a COPY FROM STDIN or a transaction whose client drops its socket is ended before anyone else runs.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/server/db/embedded-postgres';

let db: EmbeddedPostgres;
beforeAll(async () => {
  db = await startEmbeddedPostgres({ idleInTransactionTimeoutMs: 1_500 });
  await withClient(db.url, (c) => c.query('CREATE TABLE items (id int PRIMARY KEY, note text)'));
});
afterAll(async () => {
  await db?.stop();
});

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const urlWithPassword = (password: string | null) => {
  const url = new URL(db.url);
  url.password = password ?? '';
  return url.toString();
};

/** A normal query from a fresh connection, timed: what every request of the app needs to go on working. */
async function timedQuery(): Promise<{ ms: number; value: number }> {
  const started = Date.now();
  const { rows } = await withClient(db.url, (c) => c.query<{ n: number }>('SELECT count(*)::int AS n FROM items'));
  return { ms: Date.now() - started, value: rows[0]!.n };
}

describe('embedded database socket', () => {
  it('refuses a wrong password and a missing one, and accepts the generated one', async () => {
    await expect(withClient(urlWithPassword('wrong'), (c) => c.query('SELECT 1'))).rejects.toThrow(/password authentication failed/);
    await expect(withClient(urlWithPassword(null), (c) => c.query('SELECT 1'))).rejects.toThrow();
    expect(new URL(db.url).password.length).toBeGreaterThanOrEqual(24);
    expect((await timedQuery()).value).toBe(0);
  });

  it('sends nothing of an unauthenticated connection to the backend', async () => {
    // A raw client that skips authentication and sends a query straight after its startup message.
    const socket = net.connect(db.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const startup = Buffer.from('\0\0\0\0\0\x03\0\0user\0postgres\0database\0postgres\0\0', 'latin1');
    startup.writeInt32BE(startup.length, 0);
    const sql = Buffer.from("Q\0\0\0\0INSERT INTO items VALUES (666, 'intruder')\0", 'latin1');
    sql.writeInt32BE(sql.length - 1, 1);
    const reply = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
    });
    socket.write(Buffer.concat([startup, sql]));
    expect(await reply).toContain('requires password authentication');
    const { rows } = await withClient(db.url, (c) => c.query('SELECT id FROM items WHERE id = 666'));
    expect(rows).toEqual([]);
  });

  it('disconnects a client that BEGINs and goes idle, rolling its work back, so other queries go on', { timeout: 30_000 }, async () => {
    const idler = new pg.Client({ connectionString: db.url });
    const idlerError = new Promise<Error>((resolve) => idler.on('error', resolve));
    await idler.connect();
    await idler.query('BEGIN');
    await idler.query("INSERT INTO items VALUES (1, 'uncommitted')");
    // While it holds the backend, another connection waits; once the timeout cuts the idler, it runs.
    const waiting = timedQuery();
    const cut = await idlerError;
    expect(cut.message).toMatch(/idle-in-transaction timeout/);
    const after = await waiting;
    expect(after.value).toBe(0);
    expect(after.ms).toBeLessThan(10_000);
    expect((await timedQuery()).ms).toBeLessThan(2_000);
    await idler.end().catch(() => {});
  });

  it('refuses COPY FROM STDIN (which kills PGlite) and keeps serving after the client drops its socket', { timeout: 30_000 }, async () => {
    const copier = new pg.Client({ connectionString: db.url });
    copier.on('error', () => {});
    await copier.connect();
    await expect(copier.query({ text: 'copy items from stdin with (format csv)', values: [] })).rejects.toThrow(/not supported/);
    await copier.query('BEGIN');
    await expect(copier.query('COPY items (id, note) FROM STDIN')).rejects.toThrow(/COPY FROM STDIN is not supported by the embedded database/);
    // The client vanishes inside its (failed) transaction without a word.
    (copier as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
    const after = await timedQuery();
    expect(after.value).toBe(0);
    expect(after.ms).toBeLessThan(2_000);
    await withClient(db.url, (c) => c.query("INSERT INTO items VALUES (2, 'after copy')"));
    expect((await timedQuery()).value).toBe(1);
  });

  it('refuses setting the timeouts that hang PGlite, and keeps serving', { timeout: 30_000 }, async () => {
    await withClient(db.url, async (c) => {
      await expect(c.query("SET statement_timeout = '100ms'")).rejects.toThrow(/timeouts cannot be set on the embedded database/);
      await expect(c.query("SELECT set_config('idle_in_transaction_session_timeout', '100ms', false)")).rejects.toThrow(/cannot be set/);
      expect((await c.query<{ v: string }>("SELECT current_setting('statement_timeout') AS v")).rows[0]?.v).toBe('0');
      await c.query('BEGIN');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await c.query<{ n: number }>('SELECT 1 AS n')).rows[0]?.n).toBe(1);
      await c.query('COMMIT');
    });
  });

  it('rolls back the transaction of a client that drops its socket mid-transaction', async () => {
    const dropper = new pg.Client({ connectionString: db.url });
    dropper.on('error', () => {});
    await dropper.connect();
    await dropper.query('BEGIN');
    await dropper.query("INSERT INTO items VALUES (3, 'dropped')");
    (dropper as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
    const { rows } = await withClient(db.url, (c) => c.query('SELECT id FROM items ORDER BY id'));
    expect(rows).toEqual([{ id: 2 }]);
  });
});

// A PostgreSQL 15 restart under the production server process (docs/scaling.md, "When the database goes away"):
// `npm start` (the built app, API auth off) against a throwaway PostgreSQL this test initdb's, stops and starts again.
// While the database is down every write answers 503 with Retry-After — never 500 — and /health answers 503; once it
// is back writes succeed again, and what is stored is exactly the writes that were answered 201.
//
// Needs what the default suite does not: a production build (`npm run build`) and PostgreSQL 15's server binaries
// (SERVER_TEST_PG_BIN, default /usr/lib/postgresql/15/bin; run as root, the server runs as the `postgres` user). Run
// with `npm run test:server`; .ci/run does so after its build step. SERVER_TEST_PG_PORT and SERVER_TEST_APP_PORT pick
// the ports (default: free ones).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port';

const ROOT = path.resolve(import.meta.dirname, '..');
const PG_BIN = process.env.SERVER_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

let tmp = '';
let pgPort = 0;
let app: ChildProcess | undefined;
let appOutput = '';
let base = '';

/** Runs a PostgreSQL binary, as the `postgres` user when this process is root (the server refuses to run as root). */
function pg(binary: string, args: string[]): void {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, binary), ...args]] : [path.join(PG_BIN, binary), args];
  execFileSync(command, argv, { cwd: tmp, stdio: 'pipe', timeout: 60_000 });
}

const pgCtl = (action: 'start' | 'stop') =>
  pg('pg_ctl', [
    `--pgdata=${tmp}/data`,
    `--log=${tmp}/postgres.log`,
    '--wait',
    '--timeout=60',
    ...(action === 'stop' ? ['--mode=fast'] : ['-o', `-p ${pgPort} -k ${tmp} -c listen_addresses=127.0.0.1 -c fsync=off`]),
    action,
  ]);

async function until<T>(probe: () => Promise<T | null>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server output:\n${appOutput.slice(-4_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const send = (method: string, route: string, body?: unknown) =>
  fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });

beforeAll(async () => {
  expect(fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')), 'no production build: run `npm run build` first').toBe(true);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-restart-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', tmp]);
  pgPort = Number(process.env.SERVER_TEST_PG_PORT ?? (await freePort()));
  pg('initdb', [`--pgdata=${tmp}/data`, '--username=postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  pgCtl('start');

  const appPort = Number(process.env.SERVER_TEST_APP_PORT ?? (await freePort()));
  base = `http://127.0.0.1:${appPort}`;
  app = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(appPort),
      HOST: '127.0.0.1',
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${pgPort}/postgres`,
      RAPPORT_DATA_DIR: path.join(tmp, 'app-data'),
      AUTH_DISABLED: 'true',
      // Fail fast instead of queueing while no connection can be had.
      DATABASE_TRANSACTION_MAX_WAIT_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  app.stdout!.on('data', (chunk: Buffer) => (appOutput += chunk.toString()));
  app.stderr!.on('data', (chunk: Buffer) => (appOutput += chunk.toString()));
  await until(async () => ((await send('GET', '/health')).status === 200 ? true : null), 'the server to be healthy', 180_000);
}, 300_000);

afterAll(async () => {
  if (app?.pid && app.exitCode === null && app.signalCode === null) {
    const exited = new Promise((resolve) => app!.once('exit', resolve));
    process.kill(-app.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (app.exitCode === null && app.signalCode === null) process.kill(-app.pid, 'SIGKILL');
  }
  if (tmp) {
    try {
      pgCtl('stop');
    } catch {
      // already stopped (a failed assertion mid-restart)
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}, 60_000);

describe('a PostgreSQL restart under `npm start`', () => {
  it('answers writes with 503 and Retry-After while it is down, never 500, and stores exactly what was answered 201', { timeout: 240_000 }, async () => {
    const ws = `restart-${Date.now().toString(36)}`;
    expect((await send('POST', '/v3/workspaces', { id: ws })).status).toBe(201);
    expect((await send('POST', `/v3/workspaces/${ws}/sessions`, { id: 's1', peers: { alice: {} } })).status).toBe(201);
    const answered = new Map<string, { status: number; retryAfter: string | null; detail?: string }>();
    let n = 0;
    const write = async () => {
      const content = `write ${(n += 1)}`;
      const response = await send('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, {
        messages: [{ peer_id: 'alice', content, configuration: { reasoning: { enabled: false } } }],
      });
      const body = (await response.json()) as { detail?: string };
      answered.set(content, { status: response.status, retryAfter: response.headers.get('retry-after'), detail: body.detail });
      return response.status;
    };
    expect(await write()).toBe(201);

    pgCtl('stop');
    // Down: a few writes, each answered 503 (the first may meet a connection that died with the server).
    const down: number[] = [];
    for (let i = 0; i < 5; i += 1) down.push(await write());
    const health = await send('GET', '/health');
    expect(down.every((s) => s === 503), `statuses while down: ${down}`).toBe(true);
    expect(health.status).toBe(503);

    pgCtl('start');
    // Back: the client retries as Retry-After tells it, until a write succeeds.
    await until(async () => ((await write()) === 201 ? true : null), 'a write to succeed after the restart', 60_000);
    expect(await write()).toBe(201);

    const statuses = [...answered.values()].map((a) => a.status);
    expect(statuses.filter((s) => s !== 201 && s !== 503), `statuses: ${statuses}`).toEqual([]);
    for (const a of answered.values()) {
      if (a.status !== 503) continue;
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      expect(a.detail).toMatch(/database is (unavailable|busy)/);
    }
    const listed = (await (await send('POST', `/v3/workspaces/${ws}/sessions/s1/messages/list`, {})).json()) as { items: { content: string }[] };
    const created = [...answered].filter(([, a]) => a.status === 201).map(([content]) => content);
    expect(listed.items.map((m) => m.content).sort()).toEqual(created.sort());
    console.info(`[restart] ${statuses.length} writes: ${statuses.filter((s) => s === 201).length} × 201, ${statuses.filter((s) => s === 503).length} × 503 (Retry-After ${[...new Set([...answered.values()].map((a) => a.retryAfter).filter(Boolean))]}), none 500`);
  });
});

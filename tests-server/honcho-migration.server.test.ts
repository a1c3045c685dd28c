// Migration between two running production servers (docs/portability.md): two `npm start` processes, each with its own
// embedded database, API auth off. The source is filled over HTTP and its worker derives conclusions; then the real
// command line (`npm run rapport -- import --from-honcho …`) moves the workspace into the second server through the v3
// routes and POST …/import. What a Honcho client reads is then the same on both; a second run resumes after the last
// acknowledged line and writes nothing; `npm run rapport -- export` of the moved workspace ends with its end line.
//
// Needs a production build (`npm run build`); run with `npm run test:server`. SERVER_TEST_APP_PORT and
// SERVER_TEST_SECOND_APP_PORT pick the ports (default: free ones).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCreationOrder } from '../tests/support/creation-order';
import { freePort } from './support/free-port';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let tmp = '';
const servers: { process: ChildProcess; base: string; output: string }[] = [];

async function until<T>(probe: () => Promise<T | null>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${servers.map((s) => s.output.slice(-2_000)).join('\n---\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function startServer(port: number, name: string) {
  const entry = { process: undefined as unknown as ChildProcess, base: `http://127.0.0.1:${port}`, output: '' };
  // Each server starts its own embedded database: no DATABASE_URL.
  const { DATABASE_URL: _shared, ...env } = process.env;
  entry.process = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', RAPPORT_DATA_DIR: path.join(tmp, name), AUTH_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  entry.process.stdout!.on('data', (chunk: Buffer) => (entry.output += chunk.toString()));
  entry.process.stderr!.on('data', (chunk: Buffer) => (entry.output += chunk.toString()));
  servers.push(entry);
  await until(async () => ((await fetch(`${entry.base}/health`)).status === 200 ? true : null), `${name} to be healthy`, 180_000);
  return entry.base;
}

async function send(base: string, method: string, route: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${text}`);
  return text ? (JSON.parse(text) as Json) : {};
}

/** What a Honcho client can read of a workspace. */
async function wireView(base: string, ws: string) {
  const strip = (items: Json[]) => items.map(({ workspace_id: _ws, ...rest }) => rest);
  const list = async (route: string) => strip((await send(base, 'POST', `/v3/workspaces/${ws}/${route}?size=100`, {})).items as Json[]);
  const sessions = inCreationOrder(await list('sessions/list'));
  const messages: Record<string, Json[]> = {};
  for (const s of sessions) messages[s.id as string] = await list(`sessions/${s.id}/messages/list`);
  return {
    peers: inCreationOrder(await list('peers/list')),
    sessions,
    messages,
    conclusions: inCreationOrder(await list('conclusions/list')),
    card: await send(base, 'GET', `/v3/workspaces/${ws}/peers/alice/card`),
  };
}

async function rapport(args: string[]) {
  return run('npm', ['run', '--silent', 'rapport', '--', ...args], { cwd: ROOT, env: { ...process.env, RAPPORT_URL: '', RAPPORT_API_KEY: '' }, timeout: 180_000 });
}

let source = '';
let target = '';

beforeAll(async () => {
  expect(fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')), 'no production build: run `npm run build` first').toBe(true);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-migration-'));
  const [a, b] = [Number(process.env.SERVER_TEST_APP_PORT ?? (await freePort())), Number(process.env.SERVER_TEST_SECOND_APP_PORT ?? (await freePort()))];
  [source, target] = await Promise.all([startServer(a, 'source'), startServer(b, 'target')]);
}, 300_000);

afterAll(async () => {
  for (const server of servers) {
    const child = server.process;
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('npm run rapport -- import --from-honcho, between two running servers', () => {
  it('moves peers, sessions, messages with timestamps, conclusions and cards, and resumes without writing twice', { timeout: 300_000 }, async () => {
    const ws = `moving-${Date.now().toString(36)}`;
    await send(source, 'POST', `/v3/workspaces/${ws}/sessions`, { id: 'chat', peers: { alice: {}, bob: { observe_me: false } } });
    await send(source, 'POST', `/v3/workspaces/${ws}/sessions/chat/messages`, {
      messages: [
        { peer_id: 'alice', content: 'I live in Porto with my sister.', created_at: '2025-11-02T09:30:00.250Z' },
        { peer_id: 'bob', content: 'That sounds lovely.' },
        { peer_id: 'alice', content: 'I work as a nurse at the city hospital.' },
        { peer_id: 'alice', content: 'I moved to Lisbon last week for a new job.' },
      ],
    });
    await send(source, 'PUT', `/v3/workspaces/${ws}/peers/alice/card`, { peer_card: ['Name: Alice', 'Works as a nurse'] });
    // The source's in-process worker derives alice's facts (after its debounce).
    await until(async () => {
      const page = await send(source, 'POST', `/v3/workspaces/${ws}/conclusions/list`, {});
      return (page.items as Json[]).length >= 3 ? true : null;
    }, 'the source to derive conclusions', 120_000);
    const before = await wireView(source, ws);

    const first = await rapport(['import', '--from-honcho', source, '--workspace', ws, '--url', target]);
    expect(first.stdout).toMatch(/imported \d+ lines into /);
    const moved = await wireView(target, ws);
    expect(moved).toEqual(before);
    expect(moved.messages.chat![0]!.created_at).toBe('2025-11-02T09:30:00.250Z');

    const again = await rapport(['import', '--from-honcho', source, '--workspace', ws, '--url', target]);
    expect(again.stdout).toMatch(/resumed after line \d+/);
    expect(await wireView(target, ws)).toEqual(before);

    const file = path.join(tmp, 'moved.ndjson');
    await rapport(['export', '--workspace', ws, '--url', target, '--out', file]);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Json);
    expect(lines[0]).toMatchObject({ type: 'header', workspace_id: ws, counts: { messages: 4, peers: 2, sessions: 1 } });
    expect(lines.at(-1)).toEqual({ type: 'end', lines: lines.length - 1 });
    console.info(`[migration] ${before.conclusions.length} conclusions, ${lines.length} export lines moved between ${source} and ${target}`);
  });
});

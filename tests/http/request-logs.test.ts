// Structured logs: one JSON line per request with its id, route template, status, latency, key id and workspace;
// worker events on the same logger; credentials and message text never written, whatever object is logged.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { createLogger, setLogger } from '@/server/observability/logger';
import { bearer, enableApiAuth, insertApiKey, seedTenant } from '../support/auth-fixtures';
import { call, installAppFetch } from '../support/app-fetch';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, createEffectsTable, db, effectHandler, seedQueueTenant } from '../jobs/job-fixtures';

enableApiAuth();
provideTestDatabase();

/** Everything the logger wrote, as raw text; each test reads the lines it caused. */
let written = '';
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    written += chunk.toString();
    done();
  },
});

beforeAll(async () => {
  installAppFetch();
  await createEffectsTable();
  setLogger(createLogger(sink, 'info'));
});
afterAll(() => setLogger(null));

/** Runs `action` and returns the log lines it wrote, each parsed as JSON (a line that is not JSON fails the test). */
async function linesOf(action: () => Promise<unknown>): Promise<{ raw: string; lines: Record<string, unknown>[] }> {
  const from = written.length;
  await action();
  const raw = written.slice(from);
  const lines = raw.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { raw, lines };
}

describe('request lines', () => {
  it('records id, route template, status, latency, key id and workspace for each request', async () => {
    const ws = uniqueId('logs');
    await seedTenant({ workspace: ws, peers: ['alice'], sessions: { s1: { active: ['alice'] } } });
    const { key, id } = await insertApiKey({ workspace: ws });
    let requestId = '';
    const { lines } = await linesOf(async () => {
      const response = await call('GET', `/v3/workspaces/${ws}/peers/alice/card`, undefined, { ...bearer(key), 'x-request-id': 'req-logs-1' });
      requestId = response.headers.get('x-request-id')!;
    });
    expect(requestId).toBe('req-logs-1');
    const line = lines.find((l) => l.request_id === requestId);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: '/v3/workspaces/{workspace_id}/peers/{peer_id}/card',
      status: 200,
      key_id: `key:${id}`,
      workspace: ws,
      service: 'rapport',
    });
    expect(typeof line!.latency_ms).toBe('number');
    expect(typeof line!.time).toBe('string');
  });

  it('logs refused requests too, and never the presented credential', async () => {
    const ws = uniqueId('logs-401');
    const { raw, lines } = await linesOf(() => call('POST', `/v3/workspaces/${ws}/peers`, { id: 'alice' }, bearer('rk_not-a-real-key-0123456789')));
    expect(lines.find((l) => l.route === '/v3/workspaces/{workspace_id}/peers')).toMatchObject({ status: 401, workspace: ws });
    expect(raw).not.toContain('rk_not-a-real-key-0123456789');
  });

  it('never writes message text or the API key of a write', async () => {
    const ws = uniqueId('logs-write');
    await seedTenant({ workspace: ws, peers: ['alice'], sessions: { s1: { active: ['alice'] } } });
    const { key } = await insertApiKey({ workspace: ws });
    const secretText = 'my-bank-pin-is-4921-and-nobody-should-log-it';
    const { raw, lines } = await linesOf(async () => {
      const response = await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, { messages: [{ peer_id: 'alice', content: secretText }] }, bearer(key));
      expect(response.status).toBe(201);
    });
    expect(lines.some((l) => l.status === 201)).toBe(true);
    expect(raw).not.toContain(secretText);
    expect(raw).not.toContain(key);
  });
});

describe('redaction', () => {
  it('replaces credentials and user text anywhere up to two levels deep', async () => {
    const { raw, lines } = await linesOf(async () => {
      const log = createLogger(sink, 'info');
      log.info({
        authorization: 'Bearer top-level-secret',
        headers: { authorization: 'Bearer header-secret', cookie: 'session=cookie-secret' },
        request: { body: { content: 'nested-content-secret' } },
        content: 'message-content-secret',
        messages: [{ content: 'batch-content-secret' }],
        query: 'what-the-user-asked',
        password: 'hunter2-secret',
        api_key: 'rk_api-key-secret',
        workspace: 'visible-workspace',
      }, 'something happened');
    });
    for (const secret of ['top-level-secret', 'header-secret', 'cookie-secret', 'nested-content-secret', 'message-content-secret',
      'batch-content-secret', 'what-the-user-asked', 'hunter2-secret', 'rk_api-key-secret']) {
      expect(raw).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ workspace: 'visible-workspace', content: '[redacted]', headers: { authorization: '[redacted]' } });
  });
});

describe('worker lines', () => {
  it('writes each worker event as a JSON line tagged with the worker id', async () => {
    const tenant = await seedQueueTenant(uniqueId('logs-worker'), ['alice'], ['s1']);
    await addItems(tenant.workspaceId, 2, { kind: 'backfill', unitKey: `backfill:${tenant.workspaceId}` });
    const { lines } = await linesOf(() => runWorkerOnce({ db: db(), handlers: { backfill: effectHandler('backfill', 5) } }));
    const claimed = lines.find((l) => l.msg === 'claimed');
    expect(claimed).toMatchObject({ level: 'info', kind: 'backfill', items: 2 });
    expect(typeof claimed!.worker).toBe('string');
    expect(lines.find((l) => l.msg === 'run finished')).toMatchObject({ outcome: 'returned', completed: 2, worker: claimed!.worker });
  });
});

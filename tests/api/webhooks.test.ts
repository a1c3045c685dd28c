// Webhook endpoints over raw HTTP (docs/api.md#s3-13) and their delivery (docs/api.md#s5-7): registration rules (scheme, IP
// literals, length, 404/409, idempotency by URL), listing, deletion, `GET …/webhooks/test`, and the delivery handler
// against a real HTTP receiver on 127.0.0.1 — signature, sorted keys, retries on 500, refusal on 4xx, disabled
// deliveries without a secret. The SDK 2.5.0 has no webhook methods, so everything here is raw HTTP.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { webhookHandler } from '@/server/jobs/handlers/webhook-handler';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import type { ModelEngines } from '@/server/models/engine-types';
import { enqueueWebhookEvent } from '@/server/services/webhooks/enqueue-webhook-event';
import { attemptWebhookDelivery } from '@/server/services/webhooks/attempt-webhook-delivery';
import { classifyHost, isBlockedAddress } from '@/server/services/webhooks/ip-literal';
import type { HostResolver } from '@/server/services/webhooks/outbound-address-guard';
import { call } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { invalid, json, uniqueId } from '../support/http-assertions';

provideTestDatabase();

const SECRET = 'whsec-test-secret';

async function newWorkspace(label = 'wh'): Promise<string> {
  const id = uniqueId(label);
  expect((await call('POST', '/v3/workspaces', { id })).status).toBe(201);
  return id;
}

/**
 * Runs the real queue engine over webhook items until the workspace has none left pending (retries become runnable
 * after a 1 ms backoff). Returns how many item runs completed or failed.
 */
async function runWebhookItems(ws: string): Promise<number> {
  const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: ws } });
  let settled = 0;
  for (let pass = 0; pass < 20; pass += 1) {
    const report = await runWorkerOnce({
      db: getDb(),
      handlers: { webhook: webhookHandler },
      // Delivery never touches a model; the engine bundle is required by the context type only.
      engines: {} as ModelEngines,
      backoffBaseMs: 1,
      budgetMs: 20_000,
      log: () => undefined,
    });
    settled += report.completed + report.failed;
    const open = await getDb().workItem.count({ where: { workspaceId: workspace.id, kind: 'webhook', status: { in: ['pending', 'in_progress'] } } });
    if (open === 0) return settled;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('webhook items did not settle');
}

const register = (ws: string, url: string) => call('POST', `/v3/workspaces/${ws}/webhooks`, { url });

beforeEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
  delete process.env.WEBHOOK_SECRET;
  delete process.env.WEBHOOK_MAX_ATTEMPTS;
});

describe('POST …/webhooks', () => {
  it('registers a URL with 201, answers 200 for the same URL, and lists it', async () => {
    const ws = await newWorkspace();
    const created = await register(ws, 'https://hooks.example.com/rapport');
    expect(created.status).toBe(201);
    const endpoint = await json(created);
    expect(endpoint).toMatchObject({ workspace_id: ws, url: 'https://hooks.example.com/rapport' });
    expect(endpoint.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(new Date(endpoint.created_at).toISOString()).toBe(endpoint.created_at);

    const again = await register(ws, 'https://hooks.example.com/rapport');
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual(endpoint);

    const page = await json(await call('GET', `/v3/workspaces/${ws}/webhooks`));
    expect(page).toEqual({ items: [endpoint], total: 1, page: 1, size: 50, pages: 1 });
  });

  it('accepts http, public IP literals (v4, v6, mapped) and hostnames without resolving them', async () => {
    const ws = await newWorkspace();
    for (const url of ['http://8.8.8.8/x', 'https://[2606:4700:4700::1111]/hook', 'http://[::ffff:8.8.4.4]/', 'https://localhost.example/']) {
      expect((await register(ws, url)).status, url).toBe(201);
    }
  });

  it('refuses non-http schemes, malformed and over-long URLs with 422 at body.url', async () => {
    const ws = await newWorkspace();
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'not a url', '', `https://example.com/${'a'.repeat(2_030)}`]) {
      expect(await invalid(await register(ws, url)), url).toEqual(['body.url']);
    }
    // Exactly 2,048 characters is still fine.
    const longest = `https://example.com/${'a'.repeat(2_048 - 'https://example.com/'.length)}`;
    expect(longest.length).toBe(2_048);
    expect((await register(ws, longest)).status).toBe(201);
  });

  it('refuses private, loopback, link-local, reserved, multicast and unspecified IP literals unless allowed', async () => {
    const ws = await newWorkspace();
    const blocked = [
      'http://127.0.0.1/', 'http://0x7f.1/', 'http://2130706433/', 'http://10.1.2.3/', 'http://172.16.0.1/', 'http://192.168.1.1/',
      'http://169.254.169.254/latest', 'http://100.64.0.1/', 'http://0.0.0.0/', 'http://224.0.0.1/', 'http://240.0.0.1/',
      'http://255.255.255.255/', 'http://[::1]/', 'http://[::]/', 'http://[fe80::1]/', 'http://[fc00::1]/', 'http://[fd12:3456::1]/',
      'http://[ff02::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:10.0.0.1]/', 'http://[64:ff9b::a00:1]/',
      'http://[2002:c0a8:101::1]/', 'http://[2001:db8::1]/',
    ];
    for (const url of blocked) {
      const paths = await invalid(await register(ws, url));
      expect(paths, url).toEqual(['body.url']);
    }
    process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
    expect((await register(ws, 'http://127.0.0.1:9/hook')).status).toBe(201);
  });

  it('refuses localhost names unless allowed', async () => {
    const ws = await newWorkspace();
    for (const url of ['http://localhost:5432/', 'http://LOCALHOST./x', 'https://api.localhost/hook']) {
      expect(await invalid(await register(ws, url)), url).toEqual(['body.url']);
    }
    process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
    expect((await register(ws, 'http://localhost:9/hook')).status).toBe(201);
  });

  it('classifies hosts as the URL parser normalises them', () => {
    expect(classifyHost(new URL('http://017700000001/').hostname)).toBe('blocked-ip');
    expect(classifyHost(new URL('http://[0:0:0:0:0:ffff:7f00:1]/').hostname)).toBe('blocked-ip');
    expect(classifyHost('1.1.1.1')).toBe('public-ip');
    expect(classifyHost('[2a00:1450:4001::200e]')).toBe('public-ip');
    expect(classifyHost('example.com')).toBe('hostname');
    expect(classifyHost('[not:an:ip::zz]')).toBe('blocked-ip');
    // Addresses as a resolver or a socket reports them.
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '169.254.169.254', 'fe80::1%eth0', 'fd00:ec2::254', '10.0.0.1', 'nonsense']) {
      expect(isBlockedAddress(address), address).toBe(true);
    }
    expect(isBlockedAddress('93.184.215.14')).toBe(false);
    expect(isBlockedAddress('2606:4700:4700::1111')).toBe(false);
  });

  it('answers 404 for a missing workspace without creating it, 409 for the 11th endpoint', async () => {
    const missing = uniqueId('nows');
    const response = await register(missing, 'https://example.com/a');
    expect(response.status).toBe(404);
    expect((await json(response)).detail).toContain(missing);
    expect(await getDb().workspace.findUnique({ where: { name: missing } })).toBeNull();

    const ws = await newWorkspace();
    for (let i = 0; i < 10; i += 1) expect((await register(ws, `https://example.com/h${i}`)).status).toBe(201);
    const full = await register(ws, 'https://example.com/h10');
    expect(full.status).toBe(409);
    expect((await json(full)).detail).toMatch(/10 webhook endpoints/);
    // Re-registering a known URL is still fine at the cap; deleting one frees a slot.
    expect((await register(ws, 'https://example.com/h3')).status).toBe(200);
    const page = await json(await call('GET', `/v3/workspaces/${ws}/webhooks?size=3&page=2`));
    expect(page).toMatchObject({ total: 10, page: 2, size: 3, pages: 4 });
    expect(page.items.map((e: { url: string }) => e.url)).toEqual(['https://example.com/h3', 'https://example.com/h4', 'https://example.com/h5']);
    expect((await call('DELETE', `/v3/workspaces/${ws}/webhooks/${page.items[0].id}`)).status).toBe(204);
    expect((await register(ws, 'https://example.com/h10')).status).toBe(201);
  });

  it('answers 400 for malformed JSON and 422 for a missing or mistyped url', async () => {
    const ws = await newWorkspace();
    const malformed = await call('POST', `/v3/workspaces/${ws}/webhooks`, '{"url": ');
    expect(malformed.status).toBe(400);
    expect(await json(malformed)).toEqual({ detail: 'Malformed JSON body' });
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/webhooks`, {}))).toEqual(['body.url']);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/webhooks`, { url: 42 }))).toEqual(['body.url']);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/webhooks`))).toEqual(['body']);
  });
});

describe('GET and DELETE …/webhooks', () => {
  it('lists in registration order with page/size validation, and 404s for a missing workspace', async () => {
    const ws = await newWorkspace();
    const urls = ['https://a.example/1', 'https://b.example/2', 'https://c.example/3'];
    for (const url of urls) await register(ws, url);
    const page = await json(await call('GET', `/v3/workspaces/${ws}/webhooks?size=2`));
    expect(page).toMatchObject({ total: 3, page: 1, size: 2, pages: 2 });
    expect(page.items.map((e: { url: string }) => e.url)).toEqual(urls.slice(0, 2));
    const past = await json(await call('GET', `/v3/workspaces/${ws}/webhooks?page=5&size=2`));
    expect(past).toEqual({ items: [], total: 3, page: 5, size: 2, pages: 2 });
    expect(await invalid(await call('GET', `/v3/workspaces/${ws}/webhooks?size=101`))).toEqual(['query.size']);
    expect(await invalid(await call('GET', `/v3/workspaces/${ws}/webhooks?page=0`))).toEqual(['query.page']);
    expect((await call('GET', `/v3/workspaces/${uniqueId('nows')}/webhooks`)).status).toBe(404);
  });

  it('deletes with 204, then 404; other workspaces cannot delete it; DELETE …/webhooks/test falls through', async () => {
    const ws = await newWorkspace();
    const other = await newWorkspace();
    const endpoint = await json(await register(ws, 'https://example.com/del'));
    expect((await call('DELETE', `/v3/workspaces/${other}/webhooks/${endpoint.id}`)).status).toBe(404);
    const deleted = await call('DELETE', `/v3/workspaces/${ws}/webhooks/${endpoint.id}`);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await call('DELETE', `/v3/workspaces/${ws}/webhooks/${endpoint.id}`)).status).toBe(404);
    expect((await json(await call('GET', `/v3/workspaces/${ws}/webhooks`))).total).toBe(0);
    const fallThrough = await call('DELETE', `/v3/workspaces/${ws}/webhooks/test`);
    expect(fallThrough.status).toBe(404);
    expect((await json(fallThrough)).detail).toMatch(/Webhook endpoint test not found/);
    // Re-registering a deleted URL creates a new endpoint.
    const again = await register(ws, 'https://example.com/del');
    expect(again.status).toBe(201);
    expect((await json(again)).id).not.toBe(endpoint.id);
  });
});

// ─── Delivery ──────────────────────────────────────────────────────────────────────────────────────────────────

type Received = { headers: IncomingMessage['headers']; body: string };

let server: Server;
let baseUrl: string;
const received: Received[] = [];
/** Status codes the receiver answers with, in order; 200 once exhausted. */
let script: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = script.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  received.length = 0;
  script = [];
});

async function deliveriesOf(ws: string) {
  const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: ws } });
  return getDb().webhookDelivery.findMany({ where: { workspaceId: workspace.id }, orderBy: { createdAt: 'asc' } });
}

async function webhookItemsOf(ws: string) {
  const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: ws } });
  return getDb().workItem.findMany({ where: { workspaceId: workspace.id, kind: 'webhook' }, orderBy: { id: 'asc' } });
}

describe('delivery', () => {
  beforeEach(() => {
    process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
    process.env.WEBHOOK_SECRET = SECRET;
  });

  it('GET …/webhooks/test answers null and delivers a signed test.event with sorted keys to every endpoint', async () => {
    const ws = await newWorkspace();
    await register(ws, `${baseUrl}/one`);
    await register(ws, `${baseUrl}/two`);
    const response = await call('GET', `/v3/workspaces/${ws}/webhooks/test`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('null');

    expect(await runWebhookItems(ws)).toBeGreaterThanOrEqual(2);
    expect(received).toHaveLength(2);
    for (const request of received) {
      expect(request.headers['content-type']).toBe('application/json');
      const expected = createHmac('sha256', SECRET).update(request.body).digest('hex');
      expect(request.headers['x-honcho-signature']).toBe(expected);
      const event = JSON.parse(request.body);
      expect(event).toMatchObject({ type: 'test.event', data: { workspace_id: ws } });
      expect(event.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      // Compact JSON with sorted keys: the body is exactly what a sorted re-serialisation gives.
      expect(request.body).toBe(`{"data":{"workspace_id":"${ws}"},"timestamp":"${event.timestamp}","type":"test.event"}`);
    }
    const deliveries = await deliveriesOf(ws);
    expect(deliveries.map((d) => [d.status, d.attempts, d.responseStatus])).toEqual([['delivered', 1, 200], ['delivered', 1, 200]]);
    expect(deliveries.every((d) => d.deliveredAt instanceof Date && d.lastError === null)).toBe(true);
    expect((await webhookItemsOf(ws)).map((i) => i.status)).toEqual(['completed', 'completed']);
  });

  it('retries on 500 and 429, records every attempt, then succeeds', async () => {
    const ws = await newWorkspace();
    await register(ws, `${baseUrl}/flaky`);
    script = [500, 429];
    await call('GET', `/v3/workspaces/${ws}/webhooks/test`);
    await runWebhookItems(ws);
    expect(received).toHaveLength(3);
    // Every retry sends the identical, identically signed bytes.
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(new Set(received.map((r) => r.headers['x-honcho-signature'])).size).toBe(1);
    const [delivery] = await deliveriesOf(ws);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200, lastError: null });
    const [item] = await webhookItemsOf(ws);
    expect(item).toMatchObject({ status: 'completed', attempts: 3 });
  });

  it('fails without retry on a 4xx other than 429, and gives up after WEBHOOK_MAX_ATTEMPTS on 5xx', async () => {
    const ws = await newWorkspace();
    await register(ws, `${baseUrl}/gone`);
    script = [410];
    await call('GET', `/v3/workspaces/${ws}/webhooks/test`);
    await runWebhookItems(ws);
    expect(received).toHaveLength(1);
    let [delivery] = await deliveriesOf(ws);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: 410, lastError: 'Receiver answered HTTP 410' });
    let [item] = await webhookItemsOf(ws);
    expect(item).toMatchObject({ status: 'failed', lastError: 'Receiver answered HTTP 410' });

    const ws2 = await newWorkspace();
    process.env.WEBHOOK_MAX_ATTEMPTS = '2';
    await register(ws2, `${baseUrl}/down`);
    script = [503, 503, 503];
    await call('GET', `/v3/workspaces/${ws2}/webhooks/test`);
    await runWebhookItems(ws2);
    [delivery] = await deliveriesOf(ws2);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 2, responseStatus: 503 });
    expect(delivery!.lastError).toBe('Receiver answered HTTP 503');
    [item] = await webhookItemsOf(ws2);
    expect(item!.status).toBe('failed');
    expect(item!.lastError).toMatch(/HTTP 503 \(gave up after 2 attempts\)/);
  });

  it('records network errors as retryable attempts', async () => {
    const ws = await newWorkspace();
    process.env.WEBHOOK_MAX_ATTEMPTS = '2';
    // A port nobody listens on: connection refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await register(ws, `http://127.0.0.1:${port}/nobody`);
    await call('GET', `/v3/workspaces/${ws}/webhooks/test`);
    await runWebhookItems(ws);
    const [delivery] = await deliveriesOf(ws);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 2, responseStatus: null });
    expect(delivery!.lastError).toMatch(/^Network error: .*ECONNREFUSED/);
  });

  it('without WEBHOOK_SECRET records deliveries as disabled and sends nothing', async () => {
    const ws = await newWorkspace();
    await register(ws, `${baseUrl}/quiet`);
    delete process.env.WEBHOOK_SECRET;
    expect((await call('GET', `/v3/workspaces/${ws}/webhooks/test`)).status).toBe(200);
    const deliveries = await deliveriesOf(ws);
    expect(deliveries.map((d) => d.status)).toEqual(['disabled']);
    expect(await webhookItemsOf(ws)).toEqual([]);
    await runWebhookItems(ws);
    expect(received).toHaveLength(0);
  });

  it('abandons a delivery whose endpoint was deleted before it was sent; no endpoints means no deliveries', async () => {
    const ws = await newWorkspace();
    const endpoint = await json(await register(ws, `${baseUrl}/late`));
    await call('GET', `/v3/workspaces/${ws}/webhooks/test`);
    await call('DELETE', `/v3/workspaces/${ws}/webhooks/${endpoint.id}`);
    await runWebhookItems(ws);
    expect(received).toHaveLength(0);
    const [delivery] = await deliveriesOf(ws);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 0, lastError: 'Endpoint was deleted before delivery' });

    const empty = await newWorkspace();
    expect((await call('GET', `/v3/workspaces/${empty}/webhooks/test`)).status).toBe(200);
    expect(await deliveriesOf(empty)).toEqual([]);
    expect((await call('GET', `/v3/workspaces/${uniqueId('nows')}/webhooks/test`)).status).toBe(404);
  });

  it('enqueueWebhookEvent records queue.empty in the caller transaction with recursively sorted keys', async () => {
    const ws = await newWorkspace();
    await register(ws, `${baseUrl}/drain`);
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: ws } });
    const data = { workspace_id: ws, queue_type: 'representation', session_id: 's1', observer: null, observed: 'alice', z: { b: 1, a: [{ d: 2, c: 3 }] } };
    // A rolled-back transaction records nothing: the event exists only if the write that caused it commits.
    await expect(
      getDb().$transaction(async (tx) => {
        await enqueueWebhookEvent(tx, workspace.id, { type: 'queue.empty', data });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await deliveriesOf(ws)).toEqual([]);

    await getDb().$transaction((tx) => enqueueWebhookEvent(tx, workspace.id, { type: 'queue.empty', data }));
    const [delivery] = await deliveriesOf(ws);
    expect(delivery).toMatchObject({ eventType: 'queue.empty', status: 'pending', attempts: 0 });
    const timestamp = JSON.parse(delivery!.body).timestamp;
    expect(delivery!.body).toBe(
      `{"data":{"observed":"alice","observer":null,"queue_type":"representation","session_id":"s1","workspace_id":"${ws}",` +
        `"z":{"a":[{"c":3,"d":2}],"b":1}},"timestamp":"${timestamp}","type":"queue.empty"}`,
    );
    await runWebhookItems(ws);
    expect(received.map((r) => r.body)).toEqual([delivery!.body]);
  });
});

describe('delivery-time address checks', () => {
  beforeEach(() => {
    process.env.WEBHOOK_SECRET = SECRET;
  });

  it('never delivers to loopback spellings registered while private addresses were allowed', async () => {
    const ws = await newWorkspace();
    const port = new URL(baseUrl).port;
    process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
    const urls = [`http://localhost:${port}/a`, `http://[::ffff:127.0.0.1]:${port}/b`, `http://2130706433:${port}/c`, `http://0177.0.0.1:${port}/d`];
    for (const url of urls) expect((await register(ws, url)).status, url).toBe(201);
    // The operator turns the escape hatch off: deliveries already recorded must not go out.
    delete process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
    await call('GET', `/v3/workspaces/${ws}/webhooks/test`);
    await runWebhookItems(ws);
    expect(received).toHaveLength(0);
    const deliveries = await deliveriesOf(ws);
    expect(deliveries).toHaveLength(urls.length);
    for (const delivery of deliveries) {
      // Refused at once, not retried: the address will not become acceptable by waiting.
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: null });
      expect(delivery.lastError).toMatch(/^Refused to connect: .*WEBHOOK_ALLOW_PRIVATE_ADDRESSES/);
    }
  });

  it('checks what a host name resolves to when it connects, and connects only to the address it checked', async () => {
    const port = new URL(baseUrl).port;
    const lookups: string[] = [];
    const toLoopback: HostResolver = async (hostname) => {
      lookups.push(hostname);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const outcome = await attemptWebhookDelivery(`http://hooks.customer.example:${port}/x`, '{}', SECRET, { resolve: toLoopback });
    expect(lookups).toEqual(['hooks.customer.example']);
    expect(outcome).toMatchObject({ kind: 'refused', responseStatus: null });
    expect(outcome.kind === 'refused' && outcome.error).toMatch(/hooks\.customer\.example resolves to 127\.0\.0\.1/);

    // One public answer among blocked ones is not enough: a connection could pick either.
    const mixed: HostResolver = async () => [{ address: '93.184.215.14', family: 4 }, { address: '::ffff:169.254.169.254', family: 6 }];
    expect(await attemptWebhookDelivery(`http://metadata.example:${port}/`, '{}', SECRET, { resolve: mixed })).toMatchObject({ kind: 'refused' });
    expect(received).toHaveLength(0);

    // The same name is delivered when private addresses are allowed (local development).
    process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
    expect(await attemptWebhookDelivery(`${baseUrl}/dev`, '{}', SECRET, { resolve: toLoopback })).toEqual({ kind: 'delivered', responseStatus: 200 });
    expect(received).toHaveLength(1);
  });

  it('does not follow a redirect, so a receiver cannot bounce a delivery to loopback', async () => {
    const bouncer = createServer((_req, res) => {
      res.writeHead(307, { Location: `${baseUrl}/internal-admin` });
      res.end();
    });
    await new Promise<void>((resolve) => bouncer.listen(0, '127.0.0.1', resolve));
    try {
      process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
      const ws = await newWorkspace();
      await register(ws, `http://127.0.0.1:${(bouncer.address() as AddressInfo).port}/hook`);
      await call('GET', `/v3/workspaces/${ws}/webhooks/test`);
      await runWebhookItems(ws);
      expect(received).toHaveLength(0);
      const [delivery] = await deliveriesOf(ws);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: 307 });
      expect(delivery!.lastError).toMatch(/redirects are not followed/);
    } finally {
      await new Promise<void>((resolve) => bouncer.close(() => resolve()));
    }
  });
});

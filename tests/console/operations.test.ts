// The console's operations pages through tRPC: the queue (counts, items with their error text, retry,
// dream scheduling) and webhooks (endpoints with the API's validation, test events, the delivery log and the
// WEBHOOK_SECRET notice). Who may call each procedure is tested in authorization-matrix.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { createMessages } from '@/server/services/messages/create-messages';
import { getOrCreateSession } from '@/server/services/sessions/get-or-create-session';
import { provideTestDatabase } from '../support/test-database';
import { caller, newAccount, trpcError, unique } from './console-fixtures';

provideTestDatabase();
// Seeding runs real writes on a shared, loaded machine; the first one also opens the database.
vi.setConfig({ testTimeout: 180_000 });
const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of ['WEBHOOK_SECRET', 'DREAMS_ENABLED', 'WEBHOOK_ALLOW_PRIVATE_ADDRESSES']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});


/** An app with one conversation, whose derivation and summary work is waiting in the queue. */
async function busyApp() {
  const owner = await newAccount('ops');
  const api = caller(owner.userId);
  const app = unique('ops-app');
  await api.apps.create({ id: app });
  await getOrCreateSession(app, { id: 'chat', peers: { alice: {}, bot: {} } });
  await createMessages({ workspace: app, session: 'chat' }, [
    { peer_id: 'alice', content: 'I moved to Lisbon last week.' },
    { peer_id: 'bot', content: 'Welcome!' },
  ]);
  const ws = await getDb().workspace.findUniqueOrThrow({ where: { name: app } });
  return { api, app, ws };
}

describe('queue', () => {
  it('counts and lists the work by status, with the full error of failed items, and retries them', async () => {
    const { api, app, ws } = await busyApp();
    const status = await api.queue.status({ app });
    expect(status.counts.pending_work_units).toBeGreaterThan(0);
    expect(status.counts.total_work_units).toBe(status.counts.pending_work_units);

    const pending = await api.queue.list({ app, status: 'pending' });
    // One definition everywhere: the list, like the status counts (and the API's queue status), holds reasoning work
    // only; housekeeping (embedding, webhook, cleanup, backfill) is listed and counted apart.
    expect(pending.total).toBe(status.counts.pending_work_units);
    expect(pending.items.every((i) => ['derivation', 'summary', 'dream'].includes(i.kind))).toBe(true);
    await getDb().workItem.createMany({
      data: [
        { workspaceId: ws.id, kind: 'backfill', unitKey: `backfill:${ws.id}`, status: 'pending' },
        { workspaceId: ws.id, kind: 'embedding', unitKey: `embed:${ws.id}`, status: 'completed', finishedAt: new Date() },
      ],
    });
    const withHousekeeping = await api.queue.status({ app });
    expect(withHousekeeping.counts).toEqual(status.counts);
    expect(withHousekeeping.housekeeping.pending).toBeGreaterThanOrEqual(1);
    expect(withHousekeeping.housekeeping.completed).toBeGreaterThanOrEqual(1);
    const housekeeping = await api.queue.list({ app, category: 'housekeeping' });
    expect(housekeeping.items.every((i) => ['embedding', 'webhook', 'backfill'].includes(i.kind))).toBe(true);
    const h = withHousekeeping.housekeeping;
    expect(housekeeping.total).toBe(h.pending + h.in_progress + h.completed + h.failed);
    expect((await api.queue.list({ app, category: 'all' })).total).toBe(housekeeping.total + withHousekeeping.counts.total_work_units);
    expect((await api.queue.list({ app, kind: 'backfill' })).total).toBe(1);
    expect((await trpcError(api.queue.list({ app, category: 'some' as 'all' }))).code).toBe('BAD_REQUEST');
    const derivation = pending.items.find((i) => i.kind === 'derivation');
    expect(derivation).toMatchObject({ status: 'pending', session: 'chat', attempts: 0 });

    const error = 'Model call failed: HTTP 500\n    at deriveFacts (deriver.ts:12)\n    at runClaim (run-claim.ts:40)';
    await getDb().workItem.update({
      where: { id: BigInt(derivation!.id) },
      data: { status: 'failed', attempts: 3, lastError: error, finishedAt: new Date() },
    });
    const failed = await api.queue.list({ app, status: 'failed' });
    expect(failed.items).toEqual([expect.objectContaining({ id: derivation!.id, lastError: error, attempts: 3 })]);
    expect((await api.queue.status({ app })).counts.failed_work_units).toBe(1);
    expect((await api.queue.list({ app, kind: 'dream' })).total).toBe(0);

    const retried = await api.queue.retry({ app, id: derivation!.id });
    expect(retried).toMatchObject({ status: 'pending', attempts: 0, lastError: error });
    expect((await trpcError(api.queue.retry({ app, id: derivation!.id }))).message).toMatch(/Only failed work items can be retried/);
    expect((await trpcError(api.queue.retry({ app, id: '999999999' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(api.queue.retry({ app, id: 'abc' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(api.queue.list({ app, status: 'stuck' as 'failed' }))).code).toBe('BAD_REQUEST');

    // Another app's item cannot be retried through this one.
    const other = await busyApp();
    const foreign = (await other.api.queue.list({ app: other.app })).items[0]!;
    await getDb().workItem.update({ where: { id: BigInt(foreign.id) }, data: { status: 'failed' } });
    expect((await trpcError(api.queue.retry({ app, id: foreign.id }))).code).toBe('NOT_FOUND');
    expect(ws.id).not.toBe(other.ws.id);
  });

  it('schedules a dream for a view once, refuses unknown peers, and says when dreams are off', async () => {
    const { api, app, ws } = await busyApp();
    process.env.DREAMS_ENABLED = 'true';
    expect((await api.queue.status({ app })).dreamsEnabled).toBe(true);
    expect(await api.queue.scheduleDream({ app, observer: 'bot', observed: 'alice' })).toEqual({ enqueued: true });
    expect(await api.queue.scheduleDream({ app, observer: 'bot', observed: 'alice' })).toEqual({ enqueued: false });
    const dreams = await api.queue.list({ app, kind: 'dream' });
    expect(dreams.items).toEqual([expect.objectContaining({ kind: 'dream', status: 'pending', sender: 'alice', observers: ['bot'] })]);
    expect((await trpcError(api.queue.scheduleDream({ app, observer: 'ghost' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(api.queue.scheduleDream({ app, observer: 'bot', observed: 'ghost' }))).code).toBe('NOT_FOUND');

    process.env.DREAMS_ENABLED = 'false';
    expect((await api.queue.status({ app })).dreamsEnabled).toBe(false);
    const refused = await trpcError(api.queue.scheduleDream({ app, observer: 'alice' }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(await getDb().workItem.count({ where: { workspaceId: ws.id, kind: 'dream' } })).toBe(1);
  });
});

describe('webhooks', () => {
  it('adds endpoints with the API validation, sends a test event and logs its deliveries', async () => {
    const { api, app } = await busyApp();
    process.env.WEBHOOK_SECRET = 'console-test-secret';
    expect(await api.webhooks.endpoints({ app })).toMatchObject({ endpoints: [], max: 10, deliveriesEnabled: true });

    const added = await api.webhooks.add({ app, url: 'https://example.com/hooks/rapport' });
    expect(added.created).toBe(true);
    expect((await api.webhooks.add({ app, url: 'https://example.com/hooks/rapport' })).created).toBe(false);
    const refused = await trpcError(api.webhooks.add({ app, url: 'http://127.0.0.1/hook' }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/private, loopback/);
    const badScheme = await trpcError(api.webhooks.add({ app, url: 'ftp://example.com' }));
    // The console says the rule, not the REST API's wire location of the field.
    expect(badScheme.message).toBe('URL scheme must be http or https');
    expect((await trpcError(api.webhooks.add({ app, url: 'not a url' }))).message).toMatch(/Invalid URL/);
    expect((await api.webhooks.endpoints({ app })).endpoints.map((e) => e.url)).toEqual(['https://example.com/hooks/rapport']);

    expect(await api.webhooks.test({ app })).toEqual({ sent: true });
    const log = await api.webhooks.deliveries({ app });
    expect(log.items).toEqual([
      expect.objectContaining({ eventType: 'test.event', status: 'pending', attempts: 0, url: 'https://example.com/hooks/rapport', endpointDeleted: false }),
    ]);
    expect(typeof log.items[0]!.createdAt).toBe('string');
    expect((await api.webhooks.deliveries({ app, status: 'delivered' })).total).toBe(0);

    expect(await api.webhooks.delete({ app, endpoint: added.endpoint.id })).toEqual({ deleted: added.endpoint.id });
    expect((await api.webhooks.endpoints({ app })).endpoints).toEqual([]);
    expect((await api.webhooks.deliveries({ app })).items[0]).toMatchObject({ endpointDeleted: true });
    expect((await trpcError(api.webhooks.delete({ app, endpoint: added.endpoint.id }))).code).toBe('NOT_FOUND');
  });

  it('records deliveries as disabled and reports it when no WEBHOOK_SECRET is configured', async () => {
    const { api, app } = await busyApp();
    delete process.env.WEBHOOK_SECRET;
    expect((await api.webhooks.endpoints({ app })).deliveriesEnabled).toBe(false);
    await api.webhooks.add({ app, url: 'https://example.com/hook' });
    await api.webhooks.test({ app });
    expect((await api.webhooks.deliveries({ app })).items).toEqual([expect.objectContaining({ status: 'disabled', eventType: 'test.event' })]);
    expect((await trpcError(api.webhooks.add({ app, url: `https://example.com/${'a'.repeat(2_100)}` }))).code).toBe('BAD_REQUEST');
  });
});

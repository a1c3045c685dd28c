// POST …/schedule_dream (docs/api.md#s3-12) over raw HTTP and through the official SDK: 204 with an empty body, a
// `dream` work item keyed by the view and counted by queue status, idempotent while an identical dream waits, 400
// when dreams are off server-wide, 422 for bad bodies, and no item when the workspace switched dreams off.
import { Honcho } from '@honcho-ai/sdk';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { APP_BASE_URL, call, installAppFetch } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { invalid, json, uniqueId } from '../support/http-assertions';

provideTestDatabase();
beforeAll(() => installAppFetch());
afterEach(() => {
  delete process.env.DREAMS_ENABLED;
});

const client = (workspaceId: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });

async function dreamItems(ws: string) {
  const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: ws } });
  return getDb().workItem.findMany({ where: { workspaceId: workspace.id, kind: 'dream' }, orderBy: { id: 'asc' } });
}

async function peerIds(ws: string, ...names: string[]) {
  const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: ws } });
  const peers = await getDb().peer.findMany({ where: { workspaceId: workspace.id, name: { in: names } } });
  return names.map((name) => peers.find((p) => p.name === name)!.id);
}

const schedule = (ws: string, body: unknown) => call('POST', `/v3/workspaces/${ws}/schedule_dream`, body);

describe('schedule_dream through the SDK', () => {
  it('queues one dream per view, counted by queue status, and is a no-op while it is pending', async () => {
    const ws = uniqueId('dream');
    const honcho = client(ws);
    const alice = await honcho.peer('alice');
    await honcho.peer('bob');
    await honcho.session('s1');

    await honcho.scheduleDream({ observer: alice });
    let items = await dreamItems(ws);
    expect(items).toHaveLength(1);
    const [aliceId, bobId] = await peerIds(ws, 'alice', 'bob');
    expect(items[0]).toMatchObject({
      status: 'pending',
      unitKey: `dream:${aliceId}:${aliceId}`,
      observerIds: [aliceId],
      senderId: aliceId,
      sessionId: null,
      payload: { dream_type: 'omni', session_id: null, rebuild: false, observer: 'alice', observed: 'alice', automatic: false },
    });

    // Retried by the SDK or called twice: still one pending dream.
    await honcho.scheduleDream({ observer: 'alice' });
    expect(await dreamItems(ws)).toHaveLength(1);

    const status = await honcho.queueStatus();
    expect(status.pendingWorkUnits).toBe(1);
    expect(status.totalWorkUnits).toBe(1);
    const byObserver = await json(await call('GET', `/v3/workspaces/${ws}/queue/status?observer_id=alice`));
    expect(byObserver.pending_work_units).toBe(1);

    // Another view, and the same view with a session, are different dreams.
    await honcho.scheduleDream({ observer: 'alice', observed: 'bob' });
    await honcho.scheduleDream({ observer: 'alice', session: 's1' });
    items = await dreamItems(ws);
    expect(items).toHaveLength(3);
    expect(items[1]).toMatchObject({ unitKey: `dream:${aliceId}:${bobId}`, senderId: bobId });
    expect(items[2]!.payload).toMatchObject({ session_id: 's1' });
    const sessionStatus = await json(await call('GET', `/v3/workspaces/${ws}/queue/status?session_id=s1`));
    expect(sessionStatus.pending_work_units).toBe(1);

    // Once the first dream finished, the same request queues a new one.
    await getDb().workItem.update({ where: { id: items[0]!.id }, data: { status: 'completed', finishedAt: new Date() } });
    await honcho.scheduleDream({ observer: 'alice' });
    expect(await dreamItems(ws)).toHaveLength(4);
  });
});

describe('POST …/schedule_dream over HTTP', () => {
  it('answers 204 with an empty body and accepts peers that do not exist yet', async () => {
    const ws = uniqueId('dream');
    await call('POST', '/v3/workspaces', { id: ws });
    const response = await schedule(ws, { observer: 'ghost', observed: 'phantom', dream_type: 'card_refresh', rebuild: true });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const [item] = await dreamItems(ws);
    expect(item).toMatchObject({
      unitKey: 'dream:name:ghost:name:phantom',
      senderId: null,
      observerIds: [],
      payload: { dream_type: 'card_refresh', rebuild: true, observer: 'ghost', observed: 'phantom' },
    });
    // rebuild is part of what makes two dreams identical.
    expect((await schedule(ws, { observer: 'ghost', observed: 'phantom', dream_type: 'card_refresh', rebuild: true })).status).toBe(204);
    expect(await dreamItems(ws)).toHaveLength(1);
    expect((await schedule(ws, { observer: 'ghost', observed: 'phantom', dream_type: 'card_refresh' })).status).toBe(204);
    expect(await dreamItems(ws)).toHaveLength(2);
  });

  it('answers 400 when dreams are disabled on the server', async () => {
    const ws = uniqueId('dream');
    await call('POST', '/v3/workspaces', { id: ws });
    process.env.DREAMS_ENABLED = 'false';
    const response = await schedule(ws, { observer: 'alice', dream_type: 'omni' });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ detail: 'Dreams are not enabled in the system configuration' });
    expect(await dreamItems(ws)).toEqual([]);
  });

  it('queues nothing when the workspace or the session turned dreams off', async () => {
    const ws = uniqueId('dream');
    await call('POST', '/v3/workspaces', { id: ws, configuration: { dream: { enabled: false } } });
    expect((await schedule(ws, { observer: 'alice', dream_type: 'omni' })).status).toBe(204);
    expect(await dreamItems(ws)).toEqual([]);

    const ws2 = uniqueId('dream');
    await call('POST', `/v3/workspaces/${ws2}/sessions`, { id: 'quiet', configuration: { dream: { enabled: false } } });
    expect((await schedule(ws2, { observer: 'alice', dream_type: 'omni', session_id: 'quiet' })).status).toBe(204);
    expect(await dreamItems(ws2)).toEqual([]);
    expect((await schedule(ws2, { observer: 'alice', dream_type: 'omni' })).status).toBe(204);
    expect(await dreamItems(ws2)).toHaveLength(1);
  });

  it('validates the body (422), JSON (400) and the workspace (404)', async () => {
    const ws = uniqueId('dream');
    await call('POST', '/v3/workspaces', { id: ws });
    expect(await invalid(await schedule(ws, { dream_type: 'omni' }))).toEqual(['body.observer']);
    expect(await invalid(await schedule(ws, { observer: 'alice' }))).toEqual(['body.dream_type']);
    expect(await invalid(await schedule(ws, { observer: 'alice', dream_type: 'nightmare' }))).toEqual(['body.dream_type']);
    // Scopes are not dream targets; their reserved prefix can never be a peer id.
    expect(await invalid(await schedule(ws, { observer: 'alice', observed: 'scope.team', dream_type: 'omni' }))).toEqual(['body.observed']);
    expect(await invalid(await schedule(ws, { observer: 'alice', dream_type: 'omni', rebuild: 'yes' }))).toEqual(['body.rebuild']);
    expect(await invalid(await schedule(ws, { observer: 'alice', dream_type: 'omni', session_id: 'bad id' }))).toEqual(['body.session_id']);
    expect(await invalid(await schedule(ws, undefined))).toEqual(['body']);
    const malformed = await schedule(ws, '{"observer":');
    expect(malformed.status).toBe(400);
    expect(await json(malformed)).toEqual({ detail: 'Malformed JSON body' });
    const missing = await schedule(uniqueId('nows'), { observer: 'alice', dream_type: 'omni' });
    expect(missing.status).toBe(404);
    expect(await dreamItems(ws)).toEqual([]);
  });
});

// GET …/queue/status (docs/api.md#s3-12, docs/honcho-differences.md#derivation-latency) over raw HTTP and through the official SDK, plus the console's
// listWorkItems and retryWorkItem services.
import { Honcho } from '@honcho-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { NotFoundError, RejectedError } from '@/server/services/errors';
import { listWorkItems } from '@/server/services/queue/list-work-items';
import { retryWorkItem } from '@/server/services/queue/retry-work-item';
import { APP_BASE_URL, call, installAppFetch } from '../support/app-fetch';
import { invalid, json } from '../support/http-assertions';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, createEffectsTable, db, effectHandler, quiet, seedQueueTenant, type Tenant } from './job-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(async () => {
  installAppFetch();
  await createEffectsTable();
});

const counts = (pending: number, inProgress: number, completed: number, failed: number) => ({
  total_work_units: pending + inProgress + completed + failed,
  completed_work_units: completed,
  in_progress_work_units: inProgress,
  pending_work_units: pending,
  failed_work_units: failed,
});
const session = (id: string, ...c: Parameters<typeof counts>) => ({ session_id: id, ...counts(...c) });
const ZERO = { ...counts(0, 0, 0, 0), sessions: null };

/**
 * alice, bob and carol in s1 and s2:
 *   s1 derivation by alice, observed by alice and bob: 2 pending, 1 completed
 *   s1 derivation by bob, observed by bob: 1 in progress
 *   s2 derivation by carol, observed by carol and alice: 1 failed
 *   s1 summary: 1 completed;   a dream of bob about alice (no session): 1 pending
 *   not counted: 3 embedding items of s1, 1 webhook delivery
 */
async function seedStatusFixture(workspace: string): Promise<Tenant> {
  const t = await seedQueueTenant(workspace, ['alice', 'bob', 'carol'], ['s1', 's2']);
  const { alice, bob, carol } = t.peers;
  const { s1, s2 } = t.sessions;
  const derive = (sess: string, sender: string, observers: string[]) =>
    ({ kind: 'derivation' as const, unitKey: `derive:${sess}:${sender}`, sessionId: sess, senderId: sender, observerIds: observers, availableInMs: 60_000 });
  await addItems(t.workspaceId, 2, derive(s1!, alice!, [alice!, bob!]));
  await addItems(t.workspaceId, 1, { ...derive(s1!, alice!, [alice!, bob!]), status: 'completed', finishedAgoMs: 1_000 });
  await addItems(t.workspaceId, 1, { ...derive(s1!, bob!, [bob!]), status: 'in_progress' });
  await addItems(t.workspaceId, 1, { ...derive(s2!, carol!, [carol!, alice!]), status: 'failed', finishedAgoMs: 1_000 });
  await addItems(t.workspaceId, 1, { kind: 'summary', unitKey: `summary:${s1}`, sessionId: s1, status: 'completed', finishedAgoMs: 1_000 });
  await addItems(t.workspaceId, 1, { kind: 'dream', unitKey: `dream:${bob}:${alice}`, senderId: alice, observerIds: [bob!], availableInMs: 60_000 });
  await addItems(t.workspaceId, 3, { kind: 'embedding', unitKey: `embed:${s1}`, sessionId: s1, availableInMs: 60_000 });
  await addItems(t.workspaceId, 1, { kind: 'webhook', unitKey: 'webhook:x', availableInMs: 60_000 });
  return t;
}

async function status(workspace: string, query = '') {
  const response = await call('GET', `/v3/workspaces/${workspace}/queue/status${query}`);
  expect(response.status).toBe(200);
  return json(response);
}

describe('GET …/queue/status', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = uniqueId('qs');
    await seedStatusFixture(workspace);
  });

  it('counts derivation, summary and dream items by state, per session, and nothing else', async () => {
    expect(await status(workspace)).toEqual({
      ...counts(3, 1, 2, 1),
      sessions: { s1: session('s1', 2, 1, 2, 0), s2: session('s2', 0, 0, 0, 1) },
    });
  });

  it('filters by observer, by sender, by both (either matches) and by session', async () => {
    expect(await status(workspace, '?observer_id=alice')).toEqual({
      ...counts(2, 0, 1, 1),
      sessions: { s1: session('s1', 2, 0, 1, 0), s2: session('s2', 0, 0, 0, 1) },
    });
    // The dream about alice counts for her as sender, but belongs to no session.
    expect(await status(workspace, '?sender_id=alice')).toEqual({ ...counts(3, 0, 1, 0), sessions: { s1: session('s1', 2, 0, 1, 0) } });
    expect(await status(workspace, '?observer_id=bob')).toEqual({ ...counts(3, 1, 1, 0), sessions: { s1: session('s1', 2, 1, 1, 0) } });
    expect(await status(workspace, '?observer_id=bob&sender_id=carol')).toEqual({
      ...counts(3, 1, 1, 1),
      sessions: { s1: session('s1', 2, 1, 1, 0), s2: session('s2', 0, 0, 0, 1) },
    });
    expect(await status(workspace, '?session_id=s1')).toEqual({ ...counts(2, 1, 2, 0), sessions: null });
    expect(await status(workspace, '?session_id=s1&observer_id=bob')).toEqual({ ...counts(2, 1, 1, 0), sessions: null });
    expect(await status(workspace, '?session_id=s2&sender_id=alice')).toEqual(ZERO);
  });

  it('treats empty filters as absent and unknown ids as matching nothing', async () => {
    expect(await status(workspace, '?observer_id=&sender_id=&session_id=')).toEqual(await status(workspace));
    expect(await status(workspace, '?observer_id=nobody')).toEqual(ZERO);
    expect(await status(workspace, '?sender_id=nobody')).toEqual(ZERO);
    expect(await status(workspace, '?session_id=nope')).toEqual(ZERO);
    // With both given, the known one still matches.
    expect(await status(workspace, '?observer_id=nobody&sender_id=carol')).toEqual({ ...counts(0, 0, 0, 1), sessions: { s2: session('s2', 0, 0, 0, 1) } });
    expect(await status(uniqueId('never-created'))).toEqual(ZERO);
    // Unknown query parameters are ignored (docs/api.md#s1-2).
    expect(await status(workspace, '?page=2&foo=bar')).toEqual(await status(workspace));
  });

  it('answers a repeated filter key with a 422 that names it', async () => {
    const paths = await invalid(await call('GET', `/v3/workspaces/${workspace}/queue/status?observer_id=alice&observer_id=bob`));
    expect(paths).toEqual(['query.observer_id']);
  });
});

describe('queue status through the SDK', () => {
  const honcho = (workspaceId: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });

  it('honcho.queueStatus() and session.queueStatus() read the same counts with every filter', async () => {
    const workspace = uniqueId('qsdk');
    await seedStatusFixture(workspace);
    const client = honcho(workspace);
    const camel = (pending: number, inProgress: number, completed: number, failed: number) => ({
      totalWorkUnits: pending + inProgress + completed + failed,
      completedWorkUnits: completed,
      inProgressWorkUnits: inProgress,
      pendingWorkUnits: pending,
    });
    expect(await client.queueStatus()).toEqual({
      ...camel(3, 1, 2, 1),
      sessions: { s1: { sessionId: 's1', ...camel(2, 1, 2, 0) }, s2: { sessionId: 's2', ...camel(0, 0, 0, 1) } },
    });
    expect(await client.queueStatus({ observer: 'alice' })).toMatchObject(camel(2, 0, 1, 1));
    expect(await client.queueStatus({ sender: await client.peer('alice') })).toMatchObject(camel(3, 0, 1, 0));
    expect(await client.queueStatus({ session: 's1' })).toEqual({ ...camel(2, 1, 2, 0), sessions: undefined });
    const s1 = await client.session('s1');
    expect(await s1.queueStatus()).toEqual({ ...camel(2, 1, 2, 0), sessions: undefined });
    expect(await s1.queueStatus({ observer: 'bob' })).toMatchObject(camel(2, 1, 1, 0));
    expect(await s1.queueStatus({ sender: 'carol' })).toMatchObject(camel(0, 0, 0, 0));
  });

  it('shows messages written through the SDK as pending derivation work until a worker completes it', async () => {
    const workspace = uniqueId('qflow');
    const client = honcho(workspace);
    const alice = await client.peer('alice');
    const chat = await client.session('chat');
    await chat.addMessages([alice.message('I live in Lisbon.'), alice.message('I have two cats.')]);
    // One derivation item per observed message; the embedding items the write also recorded are not counted.
    expect(await client.queueStatus()).toEqual({
      totalWorkUnits: 2, completedWorkUnits: 0, inProgressWorkUnits: 0, pendingWorkUnits: 2,
      sessions: { chat: { sessionId: 'chat', totalWorkUnits: 2, completedWorkUnits: 0, inProgressWorkUnits: 0, pendingWorkUnits: 2 } },
    });
    // Still inside the idle debounce: a worker pass leaves them alone.
    const handlers = { derivation: effectHandler('derivation', 20) };
    expect((await runWorkerOnce({ db: db(), handlers, log: quiet })).units).toBe(0);
    // Skip the rest of the debounce window, as if five seconds had passed.
    await getDb().$executeRaw`
      UPDATE work_items SET available_at = now() - interval '1 second'
      WHERE workspace_id = (SELECT id FROM workspaces WHERE name = ${workspace}) AND kind = 'derivation'`;
    expect(await runWorkerOnce({ db: db(), handlers, log: quiet })).toMatchObject({ units: 1, completed: 2 });
    expect(await chat.queueStatus()).toMatchObject({ totalWorkUnits: 2, completedWorkUnits: 2, pendingWorkUnits: 0 });
  });
});

describe('console services: listWorkItems and retryWorkItem', () => {
  it('lists a workspace\'s items newest first, by status and kind, with wire names and error text', async () => {
    const t = await seedStatusFixture(uniqueId('list'));
    const other = await seedQueueTenant(uniqueId('list-other'), ['alice'], ['s1']);
    await addItems(other.workspaceId, 2, { kind: 'summary', unitKey: `summary:${other.sessions.s1}`, availableInMs: 60_000 });
    await getDb().workItem.updateMany({ where: { workspaceId: t.workspaceId, status: 'failed' }, data: { lastError: 'openai: 500 upstream error', attempts: 3 } });

    const all = await listWorkItems({ workspaceId: t.workspaceId, page: 1, size: 50 });
    expect(all.total).toBe(11);
    expect(all.items.map((i) => BigInt(i.id))).toEqual([...all.items.map((i) => BigInt(i.id))].sort((a, b) => (a > b ? -1 : 1)));

    const failed = await listWorkItems({ workspaceId: t.workspaceId, status: 'failed', page: 1, size: 10 });
    expect(failed).toMatchObject({ total: 1, page: 1, size: 10, pages: 1 });
    expect(failed.items[0]).toMatchObject({
      kind: 'derivation', status: 'failed', session: 's2', sender: 'carol', observers: ['carol', 'alice'],
      attempts: 3, maxAttempts: 3, lastError: 'openai: 500 upstream error', unitKey: `derive:${t.sessions.s2}:${t.peers.carol}`,
    });
    expect(Number.isNaN(new Date(failed.items[0]!.finishedAt!).getTime())).toBe(false);

    const dreams = await listWorkItems({ workspaceId: t.workspaceId, kind: 'dream', page: 1, size: 10 });
    expect(dreams.items).toMatchObject([{ kind: 'dream', session: null, sender: 'alice', observers: ['bob'], status: 'pending' }]);

    const page2 = await listWorkItems({ workspaceId: t.workspaceId, kind: 'embedding', page: 2, size: 2 });
    expect(page2).toMatchObject({ total: 3, pages: 2, page: 2, size: 2 });
    expect(page2.items).toHaveLength(1);
    expect((await listWorkItems({ workspaceId: t.workspaceId, page: 9, size: 50 })).items).toEqual([]);
  });

  it('rejects bad list input with validation errors', async () => {
    const t = await seedQueueTenant(uniqueId('listbad'), ['alice'], ['s1']);
    await expect(listWorkItems({ workspaceId: t.workspaceId, page: 0, size: 10 })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(listWorkItems({ workspaceId: t.workspaceId, page: 1, size: 101 })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(listWorkItems({ workspaceId: t.workspaceId, status: 'done' as never, page: 1, size: 10 })).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('retries a failed item from scratch, and only a failed item of the same workspace', async () => {
    const workspace = uniqueId('retryitem');
    const t = await seedQueueTenant(workspace, ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    const [failedId] = await addItems(t.workspaceId, 1, { kind: 'summary', unitKey, sessionId: t.sessions.s1, status: 'failed', finishedAgoMs: 5_000 });
    const [doneId] = await addItems(t.workspaceId, 1, { kind: 'summary', unitKey: `${unitKey}:x`, status: 'completed', finishedAgoMs: 5_000 });
    await getDb().workItem.update({ where: { id: failedId }, data: { attempts: 3, lastError: 'ollama: connection refused' } });
    expect(await status(workspace)).toMatchObject({ failed_work_units: 1, pending_work_units: 0 });

    const retried = await retryWorkItem(t.workspaceId, failedId!);
    expect(retried).toMatchObject({ id: String(failedId), status: 'pending', attempts: 0, finishedAt: null, lastError: 'ollama: connection refused', session: 's1' });
    expect(await status(workspace)).toMatchObject({ failed_work_units: 0, pending_work_units: 1 });
    // It runs again on the next worker pass.
    expect(await runWorkerOnce({ db: db(), handlers: { summary: effectHandler('summary', 1) }, log: quiet })).toMatchObject({ completed: 1 });
    expect(await getDb().workItem.findUniqueOrThrow({ where: { id: failedId } })).toMatchObject({ status: 'completed', attempts: 1, lastError: null });

    await expect(retryWorkItem(t.workspaceId, doneId!)).rejects.toBeInstanceOf(RejectedError);
    await expect(retryWorkItem(t.workspaceId, failedId!)).rejects.toThrow(/completed/);
    const other = await seedQueueTenant(uniqueId('retry-other'), ['alice'], ['s1']);
    await getDb().workItem.update({ where: { id: doneId }, data: { status: 'failed' } });
    await expect(retryWorkItem(other.workspaceId, doneId!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(retryWorkItem(t.workspaceId, '999999999')).rejects.toBeInstanceOf(NotFoundError);
    await expect(retryWorkItem(t.workspaceId, 'not-a-number')).rejects.toBeInstanceOf(NotFoundError);
  });
});

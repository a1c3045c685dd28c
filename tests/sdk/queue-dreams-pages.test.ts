// The official @honcho-ai/sdk 2.5.0 methods no other SDK test drives: honcho.queueStatus() and session.queueStatus()
// (with observer / sender / session narrowing), honcho.scheduleDream(), the deprecated peer.card() alias, and the
// Page helpers (hasNextPage, getNextPage, toArray, async iteration) over a multi-page listing.
import { Honcho } from '@honcho-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { APP_BASE_URL, installAppFetch } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { unique } from '../reasoning/reasoning-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(() => installAppFetch());

const client = (workspaceId: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });

describe('queue status and dreams through the SDK', () => {
  it('counts pending derivation work per workspace, session, observer and sender', async () => {
    const ws = unique('sdk-queue');
    const honcho = client(ws);
    const [alice, bob] = await Promise.all([honcho.peer('alice'), honcho.peer('bob')]);
    const [s1, s2] = await Promise.all([honcho.session('s1'), honcho.session('s2')]);
    await s1.addMessages([alice.message('I work as a nurse.'), bob.message('I play the cello.')]);
    await s2.addMessages([alice.message('I grew up in Toronto.')]);

    const all = await honcho.queueStatus();
    expect(all).toMatchObject({ totalWorkUnits: 3, pendingWorkUnits: 3, completedWorkUnits: 0, inProgressWorkUnits: 0 });
    expect(Object.keys(all.sessions ?? {}).sort()).toEqual(['s1', 's2']);
    expect(all.sessions?.s1).toMatchObject({ sessionId: 's1', totalWorkUnits: 2 });
    expect((await honcho.queueStatus({ session: s2 })).totalWorkUnits).toBe(1);
    expect((await honcho.queueStatus({ sender: bob })).totalWorkUnits).toBe(1);
    expect((await honcho.queueStatus({ observer: 'alice' })).totalWorkUnits).toBe(2);
    const sessionStatus = await s1.queueStatus({ sender: alice });
    expect(sessionStatus).toMatchObject({ totalWorkUnits: 1, pendingWorkUnits: 1 });
  });

  it('schedules a dream once (identical requests are not queued twice)', async () => {
    const ws = unique('sdk-dream');
    const honcho = client(ws);
    const alice = await honcho.peer('alice');
    const session = await honcho.session('s1');
    expect(await honcho.scheduleDream({ observer: alice, session })).toBeUndefined();
    await honcho.scheduleDream({ observer: 'alice', observed: 'alice', session: 's1' });
    const items = await getDb().workItem.findMany({ where: { workspace: { name: ws }, kind: 'dream' } });
    expect(items).toHaveLength(1);
    expect(items[0]!.payload).toMatchObject({ dream_type: 'omni', observer: 'alice', observed: 'alice', session_id: 's1' });
  });
});

describe('peer.card() and pages through the SDK', () => {
  it('reads a card through the deprecated alias and walks pages', async () => {
    const ws = unique('sdk-pages');
    const honcho = client(ws);
    const alice = await honcho.peer('alice');
    await alice.setCard(['alice is a nurse']);
    expect(await alice.card()).toEqual(['alice is a nurse']);
    expect(await alice.getCard()).toEqual(['alice is a nurse']);

    for (let i = 0; i < 5; i += 1) await honcho.peer(`p${i}`);
    const first = await honcho.peers({ size: 2 });
    expect([first.page, first.size, first.total, first.pages, first.hasNextPage]).toEqual([1, 2, 6, 3, true]);
    const second = await first.getNextPage();
    expect(second?.items.map((p) => p.id)).toEqual(['p1', 'p2']);
    const third = await second!.getNextPage();
    expect(third?.hasNextPage).toBe(false);
    expect(await third!.getNextPage()).toBeNull();
    expect((await first.toArray()).map((p) => p.id)).toEqual(['alice', 'p0', 'p1', 'p2', 'p3', 'p4']);
    const iterated: string[] = [];
    for await (const peer of await honcho.peers({ size: 4 })) iterated.push(peer.id);
    expect(iterated).toEqual(['alice', 'p0', 'p1', 'p2', 'p3', 'p4']);

    const scope = await honcho.scope('many');
    for (let i = 0; i < 3; i += 1) await honcho.session(`m${i}`);
    await scope.addSessions(['m0', 'm1', 'm2']);
    const scopePage = await scope.sessions({ size: 2 });
    expect(scopePage.hasNextPage).toBe(true);
    expect((await scopePage.toArray()).map((s) => s.id)).toEqual(['m0', 'm1', 'm2']);
    await honcho.scope('other');
    expect((await (await honcho.scopes({ size: 1 })).toArray()).map((s) => s.id)).toEqual(['many', 'other']);
  });
});

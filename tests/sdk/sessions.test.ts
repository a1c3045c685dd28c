// The official @honcho-ai/sdk 2.5.0, unchanged, against Rapport's session routes (in-process, real database).
import { BadRequestError, Honcho, NotFoundError, UnprocessableEntityError } from '@honcho-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { APP_BASE_URL, installAppFetch } from '../support/app-fetch';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';

// These suites exercise the session rules; credentials are covered where noted and by the auth suites.
process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(() => installAppFetch());

const client = (workspaceId: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });

async function storedMessages(workspace: string, session: string) {
  return getDb().message.findMany({
    where: { session: { name: session, workspace: { name: workspace } } },
    orderBy: { seq: 'asc' },
    include: { peer: true },
  });
}

describe('sessions through the SDK', () => {
  it('creates a session with metadata and configuration, and reads and writes both', async () => {
    const workspaceId = uniqueId('sdk');
    const honcho = client(workspaceId);
    const session = await honcho.session('chat-1', {
      metadata: { topic: 'travel' },
      configuration: { reasoning: { enabled: false }, summary: { messagesPerShortSummary: 12, messagesPerLongSummary: 36 } },
    });
    expect(session.id).toBe('chat-1');
    expect(session.metadata).toEqual({ topic: 'travel' });
    expect(session.isActive).toBe(true);
    expect(Number.isNaN(new Date(session.createdAt!).getTime())).toBe(false);
    expect(session.configuration).toMatchObject({ reasoning: { enabled: false }, summary: { messagesPerShortSummary: 12 } });

    // honcho.session(id) without options is a read: nothing is reset.
    const again = await honcho.session('chat-1');
    expect(again.metadata).toEqual({ topic: 'travel' });
    expect(await again.getMetadata()).toEqual({ topic: 'travel' });

    await session.setMetadata({ topic: 'food', stars: 5 });
    expect(await again.getMetadata()).toEqual({ topic: 'food', stars: 5 });
    expect((await again.getConfiguration()).reasoning).toMatchObject({ enabled: false });

    await session.setConfiguration({ dream: { enabled: false } });
    const config = await again.getConfiguration();
    expect(config.dream).toMatchObject({ enabled: false });
    expect(config.reasoning).toMatchObject({ enabled: false });
    expect(config.summary).toMatchObject({ messagesPerShortSummary: 12, messagesPerLongSummary: 36 });
    expect(await again.getMetadata()).toEqual({ topic: 'food', stars: 5 });

    await again.refresh();
    expect(again.metadata).toEqual({ topic: 'food', stars: 5 });

    await expect(
      session.setConfiguration({ summary: { messagesPerShortSummary: 40, messagesPerLongSummary: 20 } }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it('adds, sets and removes peers, and reads and writes their session configuration', async () => {
    const honcho = client(uniqueId('sdk'));
    const [alice, bob, carol] = await Promise.all([honcho.peer('alice'), honcho.peer('bob'), honcho.peer('carol')]);
    const session = await honcho.session('room', { peers: [alice!, 'bob'] });
    expect((await session.peers()).map((p) => p.id)).toEqual(['alice', 'bob']);

    await session.addPeers([[carol!, { observeMe: false, observeOthers: true }]]);
    const members = await session.peers();
    expect(members.map((p) => p.id)).toEqual(['alice', 'bob', 'carol']);
    expect(members[0]!.createdAt).toEqual(alice!.createdAt);
    expect(await session.getPeerConfiguration(carol!)).toEqual({ observeMe: false, observeOthers: true });
    expect(await session.getPeerConfiguration('alice')).toEqual({ observeMe: null, observeOthers: null });

    await session.setPeerConfiguration('alice', { observeOthers: true });
    await session.setPeerConfiguration(alice!, { observeMe: false });
    expect(await session.getPeerConfiguration(alice!)).toEqual({ observeMe: false, observeOthers: true });

    await session.removePeers(bob!);
    expect((await session.peers()).map((p) => p.id)).toEqual(['alice', 'carol']);
    // A member who left still has its configuration.
    expect(await session.getPeerConfiguration('bob')).toEqual({ observeMe: null, observeOthers: null });

    await session.setPeers(['bob', 'dave']);
    expect((await session.peers()).map((p) => p.id)).toEqual(['bob', 'dave']);
    await session.removePeers(['bob', 'dave', 'nobody']);
    expect(await session.peers()).toEqual([]);

    await expect(session.getPeerConfiguration('nobody')).rejects.toBeInstanceOf(NotFoundError);
    const eleven = Array.from({ length: 11 }, (_, i) => [`o${i}`, { observeOthers: true }] as [string, { observeOthers: boolean }]);
    const crowd = session.addPeers(eleven);
    await expect(crowd).rejects.toBeInstanceOf(BadRequestError);
    await expect(crowd).rejects.toThrow('Cannot create session room with 11 observers. Maximum allowed is 10');
  });

  it('lists every session across pages, newest first on request', async () => {
    const honcho = client(uniqueId('sdk'));
    const ids = Array.from({ length: 7 }, (_, i) => `s${i}`);
    for (const id of ids) await honcho.session(id, { metadata: { n: Number(id.slice(1)) } });

    const page = await honcho.sessions({ size: 3 });
    expect(page.total).toBe(7);
    expect(page.pages).toBe(3);
    const all: string[] = [];
    for await (const session of page) all.push(session.id);
    expect(all).toEqual(ids);

    const reversed: string[] = [];
    for await (const session of await honcho.sessions({ size: 2, reverse: true })) reversed.push(session.id);
    expect(reversed).toEqual([...ids].reverse());

    const filtered = await honcho.sessions({ filters: { metadata: { n: { gte: 5 } } } });
    expect(filtered.items.map((s) => s.id)).toEqual(['s5', 's6']);
    expect(filtered.items[0]!.metadata).toEqual({ n: 5 });
  });

  it('clones a session whole or up to a message, and deletes sessions', async () => {
    const workspaceId = uniqueId('sdk');
    const honcho = client(workspaceId);
    const session = await honcho.session('source', {
      metadata: { kind: 'original' },
      configuration: { reasoning: { enabled: false } },
      peers: [['alice', { observeOthers: true }], 'bob'],
    });
    const [alice, bob] = await Promise.all([honcho.peer('alice'), honcho.peer('bob')]);
    const added = await session.addMessages([
      alice!.message('Hello', { metadata: { n: 1 } }),
      bob!.message('Hi alice', { metadata: { n: 2 } }),
      alice!.message('I moved to Lisbon', { metadata: { n: 3 } }),
    ]);
    const ids = added.map((m) => m.id);

    const whole = await session.clone();
    expect(whole.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(whole.metadata).toEqual({ kind: 'original' });
    expect(whole.configuration).toMatchObject({ reasoning: { enabled: false } });
    expect((await whole.peers()).map((p) => p.id)).toEqual(['alice', 'bob']);
    expect(await whole.getPeerConfiguration('alice')).toEqual({ observeMe: null, observeOthers: true });
    const copies = await storedMessages(workspaceId, whole.id);
    const listed = (await whole.messages()).items;
    expect(listed.map((m) => [m.peerId, m.content, m.metadata, m.tokenCount])).toEqual(
      added.map((m) => [m.peerId, m.content, m.metadata, m.tokenCount]),
    );
    expect(copies.map((m) => [m.seq, m.peer.name, m.content, m.metadata])).toEqual([
      [1, 'alice', 'Hello', { n: 1 }],
      [2, 'bob', 'Hi alice', { n: 2 }],
      [3, 'alice', 'I moved to Lisbon', { n: 3 }],
    ]);
    expect(copies.some((m) => ids.includes(m.id))).toBe(false);

    const partial = await session.clone(ids[1]);
    expect((await partial.messages()).items.map((m) => m.content)).toEqual(['Hello', 'Hi alice']);
    await expect(session.clone('not-a-message-here')).rejects.toBeInstanceOf(NotFoundError);

    const sessions: string[] = [];
    for await (const s of await honcho.sessions()) sessions.push(s.id);
    expect(sessions).toEqual(['source', whole.id, partial.id]);

    await whole.delete();
    await expect(whole.delete()).rejects.toBeInstanceOf(NotFoundError);
    expect(await storedMessages(workspaceId, whole.id)).toEqual([]);
    const remaining: string[] = [];
    for await (const s of await honcho.sessions()) remaining.push(s.id);
    expect(remaining).toEqual(['source', partial.id]);

    const sourceRow = await getDb().session.findFirstOrThrow({ where: { name: 'source', workspace: { name: workspaceId } } });
    const pendingBefore = await getDb().workItem.count({ where: { sessionId: sourceRow.id, status: 'pending' } });
    await session.delete();
    // Background work recorded for the deleted messages goes with them.
    expect(await getDb().workItem.count({ where: { sessionId: sourceRow.id, status: 'pending' } })).toBe(0);
    expect(pendingBefore).toBeGreaterThan(0);
    const reborn = await honcho.session('source');
    expect(reborn.metadata).toEqual({});
    expect(await reborn.peers()).toEqual([]);
    expect(await storedMessages(workspaceId, 'source')).toEqual([]);
  });
});

// The official @honcho-ai/sdk 2.5.0, unchanged, against Rapport's workspace and peer routes (in-process, real database).
import { ConflictError, Honcho, NotFoundError, UnprocessableEntityError } from '@honcho-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { ensureSession } from '@/server/services/sessions/ensure-session';
import { APP_BASE_URL, installAppFetch } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { uniqueId } from '../support/http-assertions';

provideTestDatabase();
beforeAll(() => installAppFetch());

const client = (workspaceId: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });

describe('workspace through the SDK', () => {
  it('bootstraps the workspace on first use and reads and writes metadata', async () => {
    const workspaceId = uniqueId('sdk');
    const honcho = client(workspaceId);
    // The client reports the server it was pointed at, through both of its accessors.
    expect(honcho.baseURL).toBe(APP_BASE_URL);
    expect(honcho.http.baseURL).toBe(APP_BASE_URL);
    expect(await honcho.getMetadata()).toEqual({});

    await honcho.setMetadata({ plan: 'pro', nested: { a: [1, 2] } });
    expect(honcho.metadata).toEqual({ plan: 'pro', nested: { a: [1, 2] } });
    // A second client re-bootstraps without resetting anything.
    expect(await client(workspaceId).getMetadata()).toEqual({ plan: 'pro', nested: { a: [1, 2] } });
    await honcho.setMetadata({ plan: 'free' });
    expect(await honcho.getMetadata()).toEqual({ plan: 'free' });
  });

  it('reads and writes configuration; the server merges top-level keys and enforces its rules', async () => {
    const honcho = client(uniqueId('cfg'));
    expect(await honcho.getConfiguration()).toMatchObject({});

    await honcho.setConfiguration({
      reasoning: { enabled: false, customInstructions: 'Be terse.' },
      summary: { messagesPerShortSummary: 15, messagesPerLongSummary: 45 },
    });
    expect(await honcho.getConfiguration()).toMatchObject({
      reasoning: { enabled: false, customInstructions: 'Be terse.' },
      summary: { messagesPerShortSummary: 15, messagesPerLongSummary: 45 },
    });

    await honcho.setConfiguration({ dream: { enabled: false } });
    const merged = await honcho.getConfiguration();
    expect(merged).toMatchObject({ reasoning: { enabled: false }, dream: { enabled: false } });
    expect(merged.summary?.messagesPerShortSummary).toBe(15);

    const refused = honcho.setConfiguration({ summary: { messagesPerShortSummary: 40, messagesPerLongSummary: 20 } });
    await expect(refused).rejects.toBeInstanceOf(UnprocessableEntityError);
    await expect(refused).rejects.toThrow(/messages_per_long_summary/);

    await honcho.refresh();
    expect(honcho.configuration?.summary?.messagesPerLongSummary).toBe(45);
  });

  it('lists workspaces as ids with filters and pages, and deletes them', async () => {
    const prefix = uniqueId('many');
    const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
    for (const name of names) await client(name).getMetadata();

    const page = await client(names[0]!).workspaces({ filters: { id: { in: names } }, size: 2 });
    expect(page.items).toEqual(names.slice(0, 2));
    expect(page.total).toBe(3);
    expect(page.hasNextPage).toBe(true);
    expect(await page.toArray()).toEqual(names);
    const reversed = await client(names[0]!).workspaces({ filters: { id: { in: names } }, reverse: true });
    expect(reversed.items).toEqual([...names].reverse());

    const honcho = client(names[0]!);
    await honcho.deleteWorkspace(names[1]!);
    expect(await (await honcho.workspaces({ filters: { id: { in: names } } })).toArray()).toEqual([names[0], names[2]]);
    await expect(honcho.deleteWorkspace(names[1]!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to delete a workspace with a live session (409)', async () => {
    const workspaceId = uniqueId('busy');
    const honcho = client(workspaceId);
    await honcho.getMetadata();
    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: workspaceId } });
    await ensureSession(db, workspace.id, 'chat');
    await expect(honcho.deleteWorkspace(workspaceId)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('peers through the SDK', () => {
  it('honcho.peer() creates or updates, and peer metadata and configuration round-trip', async () => {
    const honcho = client(uniqueId('peers'));
    const alice = await honcho.peer('alice', { metadata: { role: 'user' }, configuration: { observeMe: false } });
    expect(alice.id).toBe('alice');
    expect(alice.metadata).toEqual({ role: 'user' });
    expect(alice.configuration).toEqual({ observeMe: false });
    expect(typeof alice.createdAt).toBe('string');

    // A plain honcho.peer() is a read: it never resets what is stored.
    const again = await honcho.peer('alice');
    expect(again.metadata).toEqual({ role: 'user' });
    expect(await again.getConfiguration()).toEqual({ observeMe: false });

    await alice.setMetadata({ role: 'admin' });
    expect(await alice.getMetadata()).toEqual({ role: 'admin' });
    await alice.setConfiguration({ observeMe: true });
    expect(await alice.getConfiguration()).toEqual({ observeMe: true });
    await alice.refresh();
    expect(alice.metadata).toEqual({ role: 'admin' });

    // Options on an existing peer replace what is stored.
    const replaced = await honcho.peer('alice', { metadata: { role: 'guest' } });
    expect(replaced.metadata).toEqual({ role: 'guest' });
  });

  it('walks every page of peers, in creation order, and filters them', async () => {
    const honcho = client(uniqueId('walk'));
    const names = Array.from({ length: 12 }, (_, i) => `peer-${String(i).padStart(2, '0')}`);
    for (const [i, name] of names.entries()) await honcho.peer(name, { metadata: { team: i % 3 === 0 ? 'a' : 'b', i } });

    const first = await honcho.peers({ size: 5 });
    expect(first.items.map((p) => p.id)).toEqual(names.slice(0, 5));
    expect([first.page, first.size, first.total, first.pages]).toEqual([1, 5, 12, 3]);
    const walked: string[] = [];
    for await (const peer of first) walked.push(peer.id);
    expect(walked).toEqual(names);

    const last = await honcho.peers({ page: 3, size: 5 });
    expect(last.items.map((p) => p.id)).toEqual(names.slice(10));
    expect(last.hasNextPage).toBe(false);

    const teamA = await honcho.peers({ filters: { metadata: { team: 'a' } } });
    expect(teamA.items.map((p) => p.id)).toEqual(['peer-00', 'peer-03', 'peer-06', 'peer-09']);
    expect(teamA.items[0]?.metadata).toEqual({ team: 'a', i: 0 });
    const legacy = await honcho.peers({ id: { in: ['peer-01', 'peer-11'] } });
    expect(legacy.items.map((p) => p.id)).toEqual(['peer-01', 'peer-11']);
    const newest = await honcho.peers({ reverse: true, size: 2 });
    expect(newest.items.map((p) => p.id)).toEqual(['peer-11', 'peer-10']);

    await expect(honcho.peers({ filters: { peer_id: 'x' } })).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it("lists a peer's sessions", async () => {
    const workspaceId = uniqueId('member');
    const honcho = client(workspaceId);
    const bob = await honcho.peer('bob');
    expect((await bob.sessions()).items).toEqual([]);

    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: workspaceId } });
    const peer = await db.peer.findFirstOrThrow({ where: { workspaceId: workspace.id, name: 'bob' } });
    for (const name of ['s1', 's2']) {
      const { session } = await ensureSession(db, workspace.id, name);
      await db.sessionPeer.create({ data: { workspaceId: workspace.id, sessionId: session.id, peerId: peer.id } });
    }
    const sessions = await bob.sessions();
    expect(sessions.items.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(sessions.items[0]?.isActive).toBe(true);
  });
});

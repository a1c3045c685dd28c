// The console's data pages through tRPC: overview, users (peers), sessions and settings. Who may call each
// procedure is tested in authorization-matrix.test.ts; the data matches what the REST
// services stored; deletions go through the REST services and are visible in the lists straight away.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { newPublicId } from '@/server/services/ids';
import { createMessages } from '@/server/services/messages/create-messages';
import { getOrCreateSession } from '@/server/services/sessions/get-or-create-session';
import { setModelEnginesForTesting } from '@/server/models';
import { provideTestDatabase } from '../support/test-database';
import { insertConclusion } from '../support/session-fixtures';
import { caller, newAccount, trpcError, unique } from './console-fixtures';

provideTestDatabase();


/** An app owned by a fresh account, with two sessions, three peers, messages and one conclusion. */
async function seededApp() {
  const owner = await newAccount('owner');
  const api = caller(owner.userId);
  const app = unique('data-app');
  await api.apps.create({ id: app });
  await getOrCreateSession(app, { id: 'support-1', peers: { alice: { observe_me: true }, bot: { observe_others: true } } });
  await getOrCreateSession(app, { id: 'support-2', peers: { alice: {}, carol_50: {} } });
  const first = await createMessages({ workspace: app, session: 'support-1' }, [
    { peer_id: 'alice', content: 'I moved to Lisbon last spring.', metadata: { channel: 'web' } },
    { peer_id: 'bot', content: 'Welcome to Lisbon!' },
    { peer_id: 'alice', content: 'I work as a nurse.' },
  ]);
  await createMessages({ workspace: app, session: 'support-2' }, [{ peer_id: 'carol_50', content: 'Hello there' }]);
  await insertConclusion(app, 'support-1', 'alice', [first[0]!.id]);
  return { owner, api, app, messages: first };
}

describe('overview', () => {
  it('counts what the app holds and buckets 30 days of activity', async () => {
    const { api, app } = await seededApp();
    const db = getDb();
    const ws = await db.workspace.findUniqueOrThrow({ where: { name: app } });
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000);
    await db.workItem.createMany({
      data: [
        { workspaceId: ws.id, kind: 'derivation', unitKey: 'u1', status: 'completed', finishedAt: now },
        { workspaceId: ws.id, kind: 'derivation', unitKey: 'u2', status: 'completed', finishedAt: yesterday },
        { workspaceId: ws.id, kind: 'summary', unitKey: 'u3', status: 'failed', finishedAt: now, lastError: 'boom' },
        // Older than the window: not in any bucket.
        { workspaceId: ws.id, kind: 'derivation', unitKey: 'u4', status: 'completed', finishedAt: new Date(now.getTime() - 40 * 86_400_000) },
        // Housekeeping is not queue work: the chart counts what the queue status counts.
        { workspaceId: ws.id, kind: 'embedding', unitKey: 'u5', status: 'completed', finishedAt: now },
        { workspaceId: ws.id, kind: 'backfill', unitKey: 'u6', status: 'failed', finishedAt: now, lastError: 'boom' },
      ],
    });
    const overview = await api.overview.get({ app });
    expect(overview.counts).toEqual({ peers: 3, sessions: 2, messages: 4, conclusions: 1 });
    expect(overview.days).toHaveLength(30);
    const today = now.toISOString().slice(0, 10);
    expect(overview.days.at(-1)).toEqual({ day: today, messages: 4, conclusions: 1, completed: 1, failed: 1 });
    expect(overview.days.at(-2)).toMatchObject({ day: yesterday.toISOString().slice(0, 10), completed: 1, failed: 0 });
    expect(overview.days.reduce((sum, d) => sum + d.completed, 0)).toBe(2);
    const queue = await api.queue.status({ app });
    expect(queue.counts.failed_work_units).toBe(overview.days.reduce((sum, d) => sum + d.failed, 0));
    expect(queue.housekeeping).toMatchObject({ completed: 1, failed: 1 });
    // Nothing imported yet: every message time is today.
    expect(overview.messageTimes).toMatchObject({ importedBefore: 0, oldest: expect.stringContaining(today) });
    expect(overview.database.reachable).toBe(true);
    expect(['pgvector', 'fallback']).toContain(overview.database.vector);
    expect(overview.engines).toMatchObject({ ok: true, engines: { deriver: expect.stringMatching(/\S/) } });
  });

  it('buckets imported history by the time it was received and reports its own message times', async () => {
    const { api, app } = await seededApp();
    await createMessages({ workspace: app, session: 'support-1' }, [
      { peer_id: 'alice', content: 'Old news from 2023.', created_at: new Date('2023-03-04T10:00:00Z') },
      { peer_id: 'bot', content: 'Older still.', created_at: new Date('2023-01-02T09:00:00Z') },
    ]);
    const overview = await api.overview.get({ app });
    expect(overview.days.at(-1)!.messages).toBe(6);
    expect(overview.messageTimes).toMatchObject({ oldest: '2023-01-02T09:00:00.000Z', importedBefore: 2 });
  });

  it('shows a broken model configuration instead of failing the overview', async () => {
    const { api, app } = await seededApp();
    const saved = process.env.LLM_PROVIDER;
    process.env.LLM_PROVIDER = 'openai-compatible';
    setModelEnginesForTesting(null); // drop the cached engines so the configuration is read again
    try {
      const overview = await api.overview.get({ app });
      expect(overview.engines).toEqual({ ok: false, error: expect.stringContaining('LLM_BASE_URL') });
      expect(overview.counts.messages).toBe(4);
    } finally {
      if (saved === undefined) delete process.env.LLM_PROVIDER;
      else process.env.LLM_PROVIDER = saved;
      setModelEnginesForTesting(null);
    }
  });
});

describe('users', () => {
  it('lists peers with counts and last activity, searchable by id and paginated', async () => {
    const { api, app } = await seededApp();
    const all = await api.peers.list({ app });
    expect(all.total).toBe(3);
    const alice = all.items.find((p) => p.id === 'alice');
    expect(alice).toMatchObject({ messageCount: 2, sessionCount: 2 });
    expect(all.items.find((p) => p.id === 'bot')).toMatchObject({ messageCount: 1, sessionCount: 1 });
    expect((await api.peers.list({ app, q: 'LIC' })).items.map((p) => p.id)).toEqual(['alice']);
    // `_` is a literal here, not a LIKE wildcard.
    expect((await api.peers.list({ app, q: '_5' })).items.map((p) => p.id)).toEqual(['carol_50']);
    expect((await api.peers.list({ app, q: 'l_c' })).total).toBe(0);
    const page2 = await api.peers.list({ app, size: 2, page: 2 });
    expect(page2).toMatchObject({ total: 3, pages: 2, page: 2 });
    expect(page2.items).toHaveLength(1);
  });

  it('shows a peer with its footprint, edits its card, lists its sessions and exports it', async () => {
    const { api, app } = await seededApp();
    const peer = await api.peers.get({ app, peer: 'alice' });
    expect(peer).toMatchObject({ id: 'alice', card: null, footprint: { messages: 2, conclusions: 1, memberships: 2, cards: 0 } });

    const saved = await api.peers.saveCard({ app, peer: 'alice', entries: ['  Lives in Lisbon ', '', 'Nurse\u0000'] });
    expect(saved.card).toEqual(['Lives in Lisbon', 'Nurse']);
    expect((await api.peers.get({ app, peer: 'alice' })).card).toEqual(['Lives in Lisbon', 'Nurse']);
    const exported = await api.peers.export({ app, peer: 'alice' });
    expect(exported.peer_cards.self).toEqual(['Lives in Lisbon', 'Nurse']);
    expect(exported.messages.map((m) => m.content)).toEqual(['I moved to Lisbon last spring.', 'I work as a nurse.']);
    expect((await api.peers.get({ app, peer: 'alice' })).footprint.cards).toBe(1);
    expect((await api.peers.saveCard({ app, peer: 'alice', entries: ['   '] })).card).toEqual([]);
    expect((await api.peers.get({ app, peer: 'alice' })).card).toEqual([]);
    expect((await trpcError(api.peers.saveCard({ app, peer: 'alice', entries: Array(101).fill('x') }))).code).toBe('BAD_REQUEST');

    const sessions = await api.peers.sessions({ app, peer: 'alice' });
    expect(sessions.items.map((s) => s.id).sort()).toEqual(['support-1', 'support-2']);
    expect(sessions.items.find((s) => s.id === 'support-1')).toMatchObject({ messageCount: 3, peerCount: 2, isActive: true });
  });

  it('deleting a peer removes it and what it wrote from every list', async () => {
    const { api, app } = await seededApp();
    await api.peers.delete({ app, peer: 'alice' });
    expect((await api.peers.list({ app })).items.map((p) => p.id).sort()).toEqual(['bot', 'carol_50']);
    const session = await api.sessions.get({ app, session: 'support-1' });
    expect(session.peers.map((p) => p.id)).toEqual(['bot']);
    expect(session.messageCount).toBe(1);
    expect((await api.sessions.list({ app, peer: 'alice' })).total).toBe(0);
    expect((await api.overview.get({ app })).counts).toEqual({ peers: 2, sessions: 2, messages: 2, conclusions: 0 });
  });
});

describe('sessions', () => {
  it('filters by state, member peer and id, with counts', async () => {
    const { api, app } = await seededApp();
    const db = getDb();
    const ws = await db.workspace.findUniqueOrThrow({ where: { name: app } });
    await db.session.updateMany({ where: { workspaceId: ws.id, name: 'support-2' }, data: { isActive: false } });
    expect((await api.sessions.list({ app })).total).toBe(2);
    expect((await api.sessions.list({ app, state: 'active' })).items.map((s) => s.id)).toEqual(['support-1']);
    expect((await api.sessions.list({ app, state: 'inactive' })).items.map((s) => s.id)).toEqual(['support-2']);
    expect((await api.sessions.list({ app, peer: 'carol_50' })).items.map((s) => s.id)).toEqual(['support-2']);
    expect((await api.sessions.list({ app, q: '-1' })).items.map((s) => s.id)).toEqual(['support-1']);
    expect((await api.sessions.list({ app, q: '%' })).total).toBe(0);
    const row = (await api.sessions.list({ app, q: 'support-1' })).items[0];
    expect(row).toMatchObject({ id: 'support-1', messageCount: 3, peerCount: 2, isActive: true });
  });

  it('shows members with their observation settings, summaries and paginated messages', async () => {
    const { api, app, messages } = await seededApp();
    const db = getDb();
    const ws = await db.workspace.findUniqueOrThrow({ where: { name: app } });
    const sess = await db.session.findFirstOrThrow({ where: { workspaceId: ws.id, name: 'support-1' } });
    await db.sessionSummary.create({
      data: { id: newPublicId(), workspaceId: ws.id, sessionId: sess.id, kind: 'short', content: 'Alice moved.', tokenCount: 3, lastMessageId: messages[2]!.id, lastSeq: 3, staleAt: new Date() },
    });
    const session = await api.sessions.get({ app, session: 'support-1' });
    expect(session.peers).toEqual([
      expect.objectContaining({ id: 'alice', observeMe: true, observeOthers: null, effectiveObserveMe: true, effectiveObserveOthers: false, leftAt: null }),
      expect.objectContaining({ id: 'bot', observeMe: null, observeOthers: true, effectiveObserveMe: true, effectiveObserveOthers: true }),
    ]);
    expect(session.summaries).toEqual([expect.objectContaining({ kind: 'short', content: 'Alice moved.', stale: true, lastSeq: 3 })]);

    const oldest = await api.sessions.messages({ app, session: 'support-1', size: 2 });
    expect(oldest).toMatchObject({ total: 3, pages: 2 });
    expect(oldest.items.map((m) => [m.peer_id, m.content])).toEqual([
      ['alice', 'I moved to Lisbon last spring.'],
      ['bot', 'Welcome to Lisbon!'],
    ]);
    expect(oldest.items[0]!.metadata).toEqual({ channel: 'web' });
    const newest = await api.sessions.messages({ app, session: 'support-1', order: 'newest', size: 2 });
    expect(newest.items.map((m) => m.content)).toEqual(['I work as a nurse.', 'Welcome to Lisbon!']);
  });

  it('deletes a session through the REST service', async () => {
    const { api, app } = await seededApp();
    await api.sessions.delete({ app, session: 'support-1' });
    expect((await api.sessions.list({ app })).items.map((s) => s.id)).toEqual(['support-2']);
    expect((await trpcError(api.sessions.get({ app, session: 'support-1' }))).code).toBe('NOT_FOUND');
    expect((await api.peers.list({ app })).items.find((p) => p.id === 'alice')).toMatchObject({ messageCount: 0, sessionCount: 1 });
  });
});

describe('search', () => {
  it('ranks the app\'s messages and conclusions, narrowed by peer and session', async () => {
    const { api, app } = await seededApp();
    const all = await api.search.run({ app, q: 'Lisbon' });
    expect(all.kind).toBe('messages');
    // Only the messages that say the word are results; the semantic leg's word-less neighbours are cut off.
    expect(all.hits.map((h) => h.content).sort()).toEqual(['I moved to Lisbon last spring.', 'Welcome to Lisbon!']);
    expect(all).toMatchObject({ total: 2, page: 1, pages: 1, terms: ['lisbon'], loose: [] });
    expect(all.hits[0]).toMatchObject({ kind: 'message', session: 'support-1', page: 1 });
    expect(all.hits[0]!.score).toBeGreaterThan(0);
    const hit = all.hits.find((h) => h.content === 'Welcome to Lisbon!')!;
    expect(hit.highlights.map(([a, b]) => hit.content.slice(a, b))).toEqual(['Lisbon']);
    const byBot = await api.search.run({ app, q: 'Lisbon', peer: 'bot' });
    expect(byBot.hits.map((h) => h.content)).toEqual(['Welcome to Lisbon!']);
    const inOtherSession = await api.search.run({ app, q: 'Lisbon', session: 'support-2' });
    expect(inOtherSession.hits).toEqual([]);
    expect((await api.search.run({ app, q: 'Lisbon', peer: 'nobody' })).hits).toEqual([]);

    const facts = await api.search.run({ app, q: 'fact', kind: 'conclusions' });
    expect(facts.hits).toEqual([expect.objectContaining({ kind: 'conclusion', observer: 'alice', observed: 'alice', session: 'support-1', level: 'explicit', page: 1 })]);
    expect((await api.search.run({ app, q: 'fact', kind: 'conclusions', peer: 'bot' })).hits).toEqual([]);
    expect((await trpcError(api.search.run({ app, q: '   ' }))).code).toBe('BAD_REQUEST');
  });

  it('answers nonsense with no good match (the nearest rows only as loose matches), and pages good matches', async () => {
    const { api, app } = await seededApp();
    const nonsense = await api.search.run({ app, q: 'xqzv blorptang' });
    expect(nonsense).toMatchObject({ hits: [], total: 0, pages: 1 });
    expect(nonsense.loose.length).toBeLessThanOrEqual(5);
    expect(nonsense.loose.every((h) => h.highlights.length === 0)).toBe(true);

    await createMessages({ workspace: app, session: 'support-2' }, Array.from({ length: 7 }, (_, i) => ({ peer_id: 'carol_50', content: `Lisbon note ${i}` })));
    const first = await api.search.run({ app, q: 'Lisbon', limit: 4 });
    expect(first).toMatchObject({ total: 9, page: 1, pages: 3 });
    const last = await api.search.run({ app, q: 'Lisbon', limit: 4, page: 3 });
    expect(last.hits).toHaveLength(1);
    // Past the end: the last page, not an empty one.
    expect(await api.search.run({ app, q: 'Lisbon', limit: 4, page: 40 })).toMatchObject({ page: 3, hits: last.hits });
    const seen = new Set([...first.hits, ...(await api.search.run({ app, q: 'Lisbon', limit: 4, page: 2 })).hits, ...last.hits].map((h) => h.id));
    expect(seen.size).toBe(9);
  });
});

function defaultsForm() {
  return {
    reasoning: { enabled: true, custom_instructions: null },
    summary: { enabled: true, messages_per_short_summary: null, messages_per_long_summary: null },
    peer_card: { use: true, create: true },
    dream: { enabled: true },
  };
}

describe('settings', () => {
  it('shows the effective configuration and saves it through update-workspace, keeping unknown keys', async () => {
    const { api, app } = await seededApp();
    const db = getDb();
    await db.workspace.update({ where: { name: app }, data: { configuration: { summary: { enabled: false, cadence: 'x' }, custom: { a: 1 } } } });
    const before = await api.settings.get({ app });
    expect(before).toMatchObject({
      reasoning: { enabled: true, custom_instructions: null },
      summary: { enabled: false, messages_per_short_summary: null, messages_per_long_summary: null },
      peer_card: { use: true, create: true },
      dream: { enabled: true },
      defaults: { messages_per_short_summary: 20, messages_per_long_summary: 60 },
    });

    const saved = await api.settings.update({
      app,
      reasoning: { enabled: false, custom_instructions: 'Focus on travel plans.' },
      summary: { enabled: true, messages_per_short_summary: 15, messages_per_long_summary: null },
      peer_card: { use: true, create: false },
      dream: { enabled: false },
    });
    expect(saved).toMatchObject({
      reasoning: { enabled: false, custom_instructions: 'Focus on travel plans.' },
      summary: { enabled: true, messages_per_short_summary: 15, messages_per_long_summary: null },
      peer_card: { use: true, create: false },
      dream: { enabled: false },
    });
    const stored = (await db.workspace.findUniqueOrThrow({ where: { name: app } })).configuration;
    expect(stored).toEqual({
      custom: { a: 1 },
      reasoning: { enabled: false, custom_instructions: 'Focus on travel plans.' },
      summary: { enabled: true, cadence: 'x', messages_per_short_summary: 15 },
      peer_card: { use: true, create: false },
      dream: { enabled: false },
    });

    // Blank instructions clear them.
    await api.settings.update({ app, ...defaultsForm() });
    expect((await api.settings.get({ app })).reasoning.custom_instructions).toBeNull();
  });

  it('refuses what the wire contract refuses, with field paths', async () => {
    const { api, app } = await seededApp();
    const tooClose = await trpcError(
      api.settings.update({ app, ...defaultsForm(), summary: { enabled: true, messages_per_short_summary: 30, messages_per_long_summary: 30 } }),
    );
    expect(tooClose.code).toBe('BAD_REQUEST');
    const issues = (tooClose.cause as { issues?: { path: string }[] }).issues ?? [];
    expect(issues.map((i) => i.path)).toEqual(['summary.messages_per_long_summary']);
    const tooSmall = await trpcError(api.settings.update({ app, ...defaultsForm(), summary: { enabled: true, messages_per_short_summary: 5, messages_per_long_summary: null } }));
    expect(tooSmall.code).toBe('BAD_REQUEST');
    const longText = await trpcError(api.settings.update({ app, ...defaultsForm(), reasoning: { enabled: true, custom_instructions: 'x'.repeat(8_004) } }));
    expect(longText.code).toBe('BAD_REQUEST');
    expect((await getDb().workspace.findUniqueOrThrow({ where: { name: app } })).configuration).toEqual({});
  });
});

// Messages over raw HTTP (docs/api.md#s3-6, #s3-15): append, list, read, update, delete — every unhappy path — and
// what an append records for later background work (docs/api.md#s5-1 to #s5-4) in the same transaction.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { appFetch, APP_BASE_URL, call } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';

provideTestDatabase();
// These suites are about messages, not credentials (auth has its own tests).
process.env.AUTH_DISABLED = 'true';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;

const base = (ws: string, sess: string) => `/v3/workspaces/${ws}/sessions/${sess}/messages`;

async function post(ws: string, sess: string, messages: unknown[]): Promise<Json[]> {
  const response = await call('POST', base(ws, sess), { messages });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Json[];
}

async function expectStatus(response: Response, status: number): Promise<Json> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as Json;
  expect(typeof body.detail).toBe('string');
  return body;
}

async function ids(ws: string, sess: string) {
  const db = getDb();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
  const session = await db.session.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: workspace.id, name: sess } } });
  const peers = await db.peer.findMany({ where: { workspaceId: workspace.id } });
  const peerName = new Map(peers.map((p) => [p.id, p.name]));
  const peerId = new Map(peers.map((p) => [p.name, p.id]));
  return { db, workspace, session, peerName, peerId };
}

/** Work items of a session with peer references turned back into wire ids. */
async function workItems(ws: string, sess: string) {
  const { db, session, peerName } = await ids(ws, sess);
  const items = await db.workItem.findMany({ where: { sessionId: session.id }, orderBy: { id: 'asc' } });
  const messages = await db.message.findMany({ where: { sessionId: session.id } });
  const seqOf = new Map(messages.map((m) => [m.id, m.seq]));
  return items.map((item) => ({
    ...item,
    seq: item.messageId ? seqOf.get(item.messageId) : undefined,
    sender: item.senderId ? peerName.get(item.senderId) : null,
    observers: item.observerIds.map((id) => peerName.get(id)),
  }));
}

const say = (peer_id: string, content: string, extra: Json = {}) => ({ peer_id, content, ...extra });

describe('POST …/messages', () => {
  it('creates workspace, session and peers, joins the authors and answers 201 with a bare array in input order', async () => {
    const ws = unique('ws');
    const body = await post(ws, 's1', [say('alice', 'Hello, world!', { metadata: { k: 1 } }), say('bob', 'Hi alice')]);
    expect(body).toEqual([
      {
        id: expect.stringMatching(/^[A-Za-z0-9_-]{21}$/),
        content: 'Hello, world!',
        peer_id: 'alice',
        session_id: 's1',
        workspace_id: ws,
        metadata: { k: 1 },
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
        token_count: 4,
      },
      expect.objectContaining({ content: 'Hi alice', peer_id: 'bob', metadata: {} }),
    ]);
    const { db, session, peerId } = await ids(ws, 's1');
    const members = await db.sessionPeer.findMany({ where: { sessionId: session.id } });
    expect(members.map((m) => m.peerId).sort()).toEqual([peerId.get('alice'), peerId.get('bob')].sort());
    expect(members.every((m) => m.leftAt === null)).toBe(true);
    expect(await db.sessionMembershipPeriod.count({ where: { sessionId: session.id } })).toBe(2);
  });

  it('counts o200k_base tokens once at write time, treating special-token text as plain text', async () => {
    const ws = unique('ws');
    const [hello, special, empty] = await post(ws, 's', [say('a', 'Hello, world!'), say('a', 'a <|endoftext|> b'), say('a', '')]);
    expect(hello!.token_count).toBe(4);
    expect(special!.token_count).toBe(9);
    expect(empty!.token_count).toBe(0);
    const { db } = await ids(ws, 's');
    expect((await db.message.findUniqueOrThrow({ where: { id: hello!.id } })).tokenCount).toBe(4);
  });

  it('stores content and metadata byte for byte, whatever characters they hold', async () => {
    const ws = unique('ws');
    const tricky = ['NULL', '', '"quoted", {braced}, back\\slash\\', "it's\nmulti\tline\r\n", '日本語 😀 émoji', '{}', '\\"', ' '];
    const created = await post(ws, 's', tricky.map((content, i) => say('a', content, { metadata: { v: content, i, nested: { q: '"\\' } } })));
    expect(created.map((m) => m.content)).toEqual(tricky);
    const page = (await (await call('POST', `${base(ws, 's')}/list`, {})).json()) as Json;
    expect(page.items.map((m: Json) => m.content)).toEqual(tricky);
    expect(page.items.map((m: Json) => m.metadata)).toEqual(tricky.map((v, i) => ({ v, i, nested: { q: '"\\' } })));
  });

  it('accepts 100 messages and refuses 101 (422)', async () => {
    const ws = unique('ws');
    const hundred = Array.from({ length: 100 }, (_, i) => say(`p${i % 3}`, `message ${i}`));
    const created = await post(ws, 's', hundred);
    expect(created.map((m) => m.content)).toEqual(hundred.map((m) => m.content));
    const refused = await expectStatus(await call('POST', base(ws, 's'), { messages: [...hundred, say('a', 'x')] }), 422);
    expect(refused.detail).toMatch(/^messages: /);
    expect(refused.errors[0].path).toBe('body.messages');
    const empty = await expectStatus(await call('POST', base(ws, 's'), { messages: [] }), 422);
    expect(empty.errors[0].path).toBe('body.messages');
  });

  it('accepts 25,000 characters, refuses 25,001 (422), strips NUL from content and metadata', async () => {
    const ws = unique('ws');
    const [max] = await post(ws, 's', [say('a', 'x'.repeat(25_000))]);
    expect(max!.content.length).toBe(25_000);
    const tooLong = await expectStatus(await call('POST', base(ws, 's'), { messages: [say('a', 'x'.repeat(25_001))] }), 422);
    expect(tooLong.errors[0].path).toBe('body.messages[0].content');
    const [clean] = await post(ws, 's', [say('a', 'nu\u0000ll', { metadata: { 'k\u0000ey': 'v\u0000al' } })]);
    expect(clean!.content).toBe('null');
    expect(clean!.metadata).toEqual({ key: 'val' });
  });

  it('422 for a missing or malformed peer_id, with a string detail and an error path (docs/honcho-differences.md#validation-errors)', async () => {
    const ws = unique('ws');
    const missing = await expectStatus(await call('POST', base(ws, 's'), { messages: [{ content: 'hi' }] }), 422);
    expect(missing.detail).toBe('messages[0].peer_id: Field required');
    expect(missing.errors).toEqual([{ path: 'body.messages[0].peer_id', message: 'Field required' }]);
    const bad = await expectStatus(await call('POST', base(ws, 's'), { messages: [say('a', 'ok'), say('no spaces', 'x')] }), 422);
    expect(bad.errors[0].path).toBe('body.messages[1].peer_id');
    await expectStatus(await call('POST', base(ws, 's'), { messages: [say('scope.x', 'x')] }), 422);
    await expectStatus(await call('POST', base(ws, 's'), { messages: [{ peer_id: 'a' }] }), 422);
    // Nothing was written by the refused requests.
    expect(await getDb().workspace.findUnique({ where: { name: ws } })).toBeNull();
  });

  it('stores created_at as given (past, offsets, naive = UTC) and refuses unparseable values (422)', async () => {
    const ws = unique('ws');
    const [past, offset, naive, none] = await post(ws, 's', [
      say('a', '1', { created_at: '2020-01-02T03:04:05.678Z' }),
      say('a', '2', { created_at: '2020-01-02T05:04:05+02:00' }),
      say('a', '3', { created_at: '2020-01-02 03:04:05' }),
      say('a', '4', { created_at: null }),
    ]);
    expect(past!.created_at).toBe('2020-01-02T03:04:05.678Z');
    expect(offset!.created_at).toBe('2020-01-02T03:04:05.000Z');
    expect(naive!.created_at).toBe('2020-01-02T03:04:05.000Z');
    expect(Math.abs(new Date(none!.created_at).getTime() - Date.now())).toBeLessThan(60_000);
    const bad = await expectStatus(await call('POST', base(ws, 's'), { messages: [say('a', 'x', { created_at: 'yesterday' })] }), 422);
    expect(bad.errors[0].path).toBe('body.messages[0].created_at');
  });

  it('enforces the metadata limits (≤100 keys, depth ≤5) with 422', async () => {
    const ws = unique('ws');
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    const nest = (depth: number): Json => (depth === 1 ? { leaf: 1 } : { n: nest(depth - 1) });
    await post(ws, 's', [say('a', 'ok', { metadata: keys(100) }), say('a', 'deep', { metadata: nest(5) })]);
    const wide = await expectStatus(await call('POST', base(ws, 's'), { messages: [say('a', 'x', { metadata: keys(101) })] }), 422);
    expect(wide.errors[0].path).toBe('body.messages[0].metadata');
    await expectStatus(await call('POST', base(ws, 's'), { messages: [say('a', 'x', { metadata: nest(6) })] }), 422);
    await expectStatus(await call('POST', base(ws, 's'), { messages: [say('a', 'x', { metadata: [1, 2] })] }), 422);
  });

  it('keeps only `reasoning` from a message configuration', async () => {
    const ws = unique('ws');
    const [message] = await post(ws, 's', [
      say('a', 'x', { configuration: { reasoning: { enabled: false, custom_instructions: 'be brief', extra: 1 }, other: { a: 1 } } }),
    ]);
    const stored = await getDb().message.findUniqueOrThrow({ where: { id: message!.id } });
    expect(stored.configuration).toEqual({ reasoning: { enabled: false, custom_instructions: 'be brief' } });
  });

  it('answers 400 for malformed JSON, 415 for a non-JSON body, 422 for a missing body or bad path ids', async () => {
    const ws = unique('ws');
    expect(await expectStatus(await call('POST', base(ws, 's'), '{"messages": [', {}), 400)).toEqual({ detail: 'Malformed JSON body' });
    await expectStatus(await call('POST', base(ws, 's'), 'messages=1', { 'content-type': 'text/plain' }), 415);
    expect((await expectStatus(await call('POST', base(ws, 's')), 422)).detail).toBe('body: Field required');
    const badPath = await expectStatus(await call('POST', base('bad.ws', 's'), { messages: [say('a', 'x')] }), 422);
    expect(badPath.errors[0].path).toBe('path.workspace_id');
  });

  it('serves the trailing-slash alias POST …/messages/', async () => {
    const ws = unique('ws');
    const response = await call('POST', `${base(ws, 's')}/`, { messages: [say('a', 'slash')] });
    expect(response.status).toBe(201);
    expect(((await response.json()) as Json[])[0]!.content).toBe('slash');
  });

  it('answers 404 while the session is being deleted, and writes nothing', async () => {
    const ws = unique('ws');
    await post(ws, 's', [say('a', 'first')]);
    const { db, session } = await ids(ws, 's');
    await db.session.update({ where: { id: session.id }, data: { deletedAt: new Date() } });
    await expectStatus(await call('POST', base(ws, 's'), { messages: [say('a', 'second')] }), 404);
    expect(await db.message.count({ where: { sessionId: session.id } })).toBe(1);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeq).toBe(1);
  });

  it('answers 404 when an author is being deleted', async () => {
    const ws = unique('ws');
    await post(ws, 's', [say('gone', 'first')]);
    const { db, peerId } = await ids(ws, 's');
    await db.peer.update({ where: { id: peerId.get('gone')! }, data: { deletedAt: new Date() } });
    await expectStatus(await call('POST', base(ws, 's'), { messages: [say('ok', 'x'), say('gone', 'again')] }), 404);
  });

  it('allocates gap-free sequence numbers across batches', async () => {
    const ws = unique('ws');
    for (const size of [3, 1, 7]) await post(ws, 's', Array.from({ length: size }, (_, i) => say('a', `m${i}`)));
    const { db, session } = await ids(ws, 's');
    const seqs = (await db.message.findMany({ where: { sessionId: session.id }, orderBy: { seq: 'asc' } })).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeq).toBe(11);
  });

  it('rejoins an author who had left, recording a new membership period', async () => {
    const ws = unique('ws');
    await post(ws, 's', [say('a', 'one')]);
    const { db, session, peerId } = await ids(ws, 's');
    const key = { sessionId_peerId: { sessionId: session.id, peerId: peerId.get('a')! } };
    await db.sessionPeer.update({ where: key, data: { leftAt: new Date(), observeOthers: true } });
    await db.sessionMembershipPeriod.updateMany({ where: { sessionId: session.id }, data: { leftAt: new Date() } });
    await post(ws, 's', [say('a', 'two'), say('a', 'three')]);
    const member = await db.sessionPeer.findUniqueOrThrow({ where: key });
    expect(member.leftAt).toBeNull();
    expect(member.observeOthers).toBe(true); // a rejoin keeps the stored switches
    const periods = await db.sessionMembershipPeriod.findMany({ where: { sessionId: session.id }, orderBy: { joinedAt: 'asc' } });
    expect(periods.map((p) => p.leftAt === null)).toEqual([false, true]);
    // An active member writing again opens no new period.
    await post(ws, 's', [say('a', 'four')]);
    expect(await db.sessionMembershipPeriod.count({ where: { sessionId: session.id } })).toBe(2);
  });
});

describe('work recorded with the messages (docs/api.md#s5-1 to #s5-4)', () => {
  it('records one derivation item per observed message (debounced) and one embedding item per write', async () => {
    const ws = unique('ws');
    const [m1, m2] = await post(ws, 's', [say('alice', 'I like tea'), say('bob', 'I like coffee')]);
    const { session, peerId } = await ids(ws, 's');
    const items = await workItems(ws, 's');
    const derivations = items.filter((i) => i.kind === 'derivation');
    expect(derivations.map((i) => [i.messageId, i.sender, i.observers, i.unitKey])).toEqual([
      [m1!.id, 'alice', ['alice'], `derive:${session.id}:${peerId.get('alice')}`],
      [m2!.id, 'bob', ['bob'], `derive:${session.id}:${peerId.get('bob')}`],
    ]);
    for (const item of derivations) {
      expect(item.status).toBe('pending');
      expect(item.availableAt.getTime() - item.createdAt.getTime()).toBe(5_000);
      expect(item.deadlineAt!.getTime() - item.createdAt.getTime()).toBe(60_000);
      expect(item.payload).toMatchObject({ seq: item.seq, reasoning: { custom_instructions: null } });
    }
    const embeddings = items.filter((i) => i.kind === 'embedding');
    expect(embeddings.map((i) => [i.messageId, i.payload])).toEqual([[null, { message_ids: [m1!.id, m2!.id] }]]);
    expect(items.filter((i) => i.kind === 'summary')).toEqual([]);
  });

  it('computes observers from observe_me / observe_others at write time', async () => {
    const ws = unique('ws');
    await post(ws, 's', [say('alice', 'hi'), say('bob', 'hi'), say('carol', 'hi'), say('dave', 'hi'), say('erin', 'hi')]);
    const { db, session, peerId, workspace } = await ids(ws, 's');
    const member = (name: string) => ({ sessionId_peerId: { sessionId: session.id, peerId: peerId.get(name)! } });
    // bob and carol observe others; carol has left; dave is unobserved in this session; erin's peer config says
    // unobserved but the session-peer switch overrides it.
    await db.sessionPeer.update({ where: member('bob'), data: { observeOthers: true } });
    await db.sessionPeer.update({ where: member('carol'), data: { observeOthers: true, leftAt: new Date() } });
    await db.sessionPeer.update({ where: member('dave'), data: { observeMe: false } });
    await db.sessionPeer.update({ where: member('erin'), data: { observeMe: true } });
    await db.peer.update({ where: { id: peerId.get('erin')! }, data: { configuration: { observe_me: false } } });
    // frank is unobserved through his peer configuration alone.
    await db.peer.create({ data: { id: `${workspace.id}-frank`, workspaceId: workspace.id, name: 'frank', configuration: { observe_me: false } } });
    await db.workItem.deleteMany({ where: { sessionId: session.id } });

    // carol (left) does not write here, so she observes nothing; a member observing others sees every author.
    const [a, b, d, e, f] = await post(ws, 's', [say('alice', 'x'), say('bob', 'x'), say('dave', 'x'), say('erin', 'x'), say('frank', 'x')]);
    const derivations = (await workItems(ws, 's')).filter((i) => i.kind === 'derivation');
    // The sender comes first; the members watching it follow in a stable (internal id) order.
    const norm = (observers: (string | undefined)[]) => [observers[0], ...observers.slice(1).sort()];
    const observersOf = new Map(derivations.map((i) => [i.messageId, norm(i.observers)]));
    expect(observersOf.get(a!.id)).toEqual(['alice', 'bob']);
    expect(observersOf.get(b!.id)).toEqual(['bob']);
    expect(observersOf.has(d!.id)).toBe(false);
    expect(observersOf.get(e!.id)).toEqual(['erin', 'bob']);
    expect(observersOf.has(f!.id)).toBe(false);
    // Once carol rejoins by writing, she is an observer of the messages written with hers.
    const [c2, a2] = await post(ws, 's', [say('carol', 'back'), say('alice', 'welcome')]);
    const after = new Map((await workItems(ws, 's')).filter((i) => i.kind === 'derivation').map((i) => [i.messageId, norm(i.observers)]));
    expect(after.get(c2!.id)).toEqual(['carol', 'bob']);
    expect(after.get(a2!.id)).toEqual(['alice', 'bob', 'carol']);
    // Unobserved messages are still embedded.
    const embedded = (await workItems(ws, 's')).filter((i) => i.kind === 'embedding').flatMap((i) => (i.payload as { message_ids: string[] }).message_ids);
    expect(embedded).toEqual(expect.arrayContaining([d!.id, f!.id]));
  });

  it('derives only when the effective reasoning.enabled is true (message ← session ← workspace ← default)', async () => {
    const ws = unique('ws');
    await call('POST', '/v3/workspaces', { id: ws });
    const db = getDb();
    await db.workspace.update({ where: { name: ws }, data: { configuration: { reasoning: { enabled: false } } } });
    const off = await post(ws, 'off', [say('a', 'x'), say('a', 'y', { configuration: { reasoning: { enabled: true } } })]);
    const offItems = (await workItems(ws, 'off')).filter((i) => i.kind === 'derivation');
    expect(offItems.map((i) => i.messageId)).toEqual([off[1]!.id]);

    await post(ws, 'on', [say('a', 'seed')]);
    const { session } = await ids(ws, 'on');
    await db.session.update({
      where: { id: session.id },
      data: { configuration: { reasoning: { enabled: true, custom_instructions: 'Focus on food' } } },
    });
    await db.workItem.deleteMany({ where: { sessionId: session.id } });
    const on = await post(ws, 'on', [say('a', 'x'), say('a', 'y', { configuration: { reasoning: { enabled: false } } })]);
    const onItems = (await workItems(ws, 'on')).filter((i) => i.kind === 'derivation');
    expect(onItems.map((i) => i.messageId)).toEqual([on[0]!.id]);
    expect(onItems[0]!.payload).toMatchObject({ reasoning: { custom_instructions: 'Focus on food' } });
  });

  it('records summary items when the n-th message hits the short (20) and long (60) intervals', async () => {
    const ws = unique('ws');
    for (let batch = 0; batch < 3; batch += 1) {
      await post(ws, 's', Array.from({ length: 25 }, (_, i) => say(i % 2 ? 'a' : 'b', `m${batch * 25 + i + 1}`)));
    }
    const summaries = (await workItems(ws, 's')).filter((i) => i.kind === 'summary');
    expect(summaries.map((i) => [i.seq, (i.payload as Json).summary_type])).toEqual([
      [20, 'short'],
      [40, 'short'],
      [60, 'short'],
      [60, 'long'],
    ]);
    const { session } = await ids(ws, 's');
    expect(summaries.every((i) => i.unitKey === `summary:${session.id}`)).toBe(true);
  });

  it('follows the session and workspace summary settings', async () => {
    const ws = unique('ws');
    await call('POST', '/v3/workspaces', { id: ws });
    const db = getDb();
    await db.workspace.update({ where: { name: ws }, data: { configuration: { summary: { messages_per_long_summary: 30 } } } });
    await post(ws, 'custom', [say('a', 'seed')]);
    const custom = await ids(ws, 'custom');
    await db.session.update({ where: { id: custom.session.id }, data: { configuration: { summary: { messages_per_short_summary: 10 } } } });
    await post(ws, 'custom', Array.from({ length: 29 }, (_, i) => say('a', `m${i}`)));
    const got = (await workItems(ws, 'custom')).filter((i) => i.kind === 'summary').map((i) => [i.seq, (i.payload as Json).summary_type]);
    expect(got).toEqual([[10, 'short'], [20, 'short'], [30, 'short'], [30, 'long']]);

    await post(ws, 'off', [say('a', 'seed')]);
    const off = await ids(ws, 'off');
    await db.session.update({ where: { id: off.session.id }, data: { configuration: { summary: { enabled: false } } } });
    await post(ws, 'off', Array.from({ length: 30 }, (_, i) => say('a', `m${i}`)));
    expect((await workItems(ws, 'off')).filter((i) => i.kind === 'summary')).toEqual([]);
  });
});

describe('POST …/messages/list', () => {
  async function seed() {
    const ws = unique('ws');
    // created_at runs backwards so insertion order and time order differ.
    const created = await post(ws, 's', [
      say('alice', 'first', { created_at: '2024-03-01T00:00:00Z', metadata: { topic: 'food', n: 1 } }),
      say('bob', 'second message here', { created_at: '2024-02-01T00:00:00Z', metadata: { topic: 'work', n: 2 } }),
      say('alice', 'third', { created_at: '2024-01-01T00:00:00Z', metadata: { topic: 'food', n: 3 } }),
    ]);
    return { ws, created };
  }
  const list = (ws: string, body?: unknown, query = '') => call('POST', `${base(ws, 's')}/list${query}`, body);

  it('pages in insertion order (not created_at), newest inserted first with reverse', async () => {
    const { ws, created } = await seed();
    const page = (await (await list(ws, {})).json()) as Json;
    expect(page).toMatchObject({ total: 3, page: 1, size: 50, pages: 1 });
    expect(page.items).toEqual(created);
    const reversed = (await (await list(ws, undefined, '?reverse=true')).json()) as Json;
    expect(reversed.items.map((m: Json) => m.content)).toEqual(['third', 'second message here', 'first']);
    const second = (await (await list(ws, { filters: null }, '?page=2&size=2')).json()) as Json;
    expect(second).toMatchObject({ total: 3, page: 2, size: 2, pages: 2 });
    expect(second.items.map((m: Json) => m.content)).toEqual(['third']);
    const past = (await (await list(ws, {}, '?page=9&size=2')).json()) as Json;
    expect(past).toMatchObject({ items: [], total: 3, pages: 2, page: 9 });
  });

  it('filters on peer_id, metadata, token_count, created_at, workspace_id and session_id', async () => {
    const { ws } = await seed();
    const contents = async (filters: unknown) => {
      const response = await list(ws, { filters });
      expect(response.status, await response.clone().text()).toBe(200);
      return ((await response.json()) as Json).items.map((m: Json) => m.content);
    };
    expect(await contents({ peer_id: 'alice' })).toEqual(['first', 'third']);
    expect(await contents({ metadata: { topic: 'food' } })).toEqual(['first', 'third']);
    expect(await contents({ metadata: { n: { gte: 2 } } })).toEqual(['second message here', 'third']);
    expect(await contents({ token_count: { gt: 1 } })).toEqual(['second message here']);
    expect(await contents({ created_at: { lt: '2024-02-15' } })).toEqual(['second message here', 'third']);
    expect(await contents({ workspace_id: ws, session_id: 's' })).toHaveLength(3);
    expect(await contents({ session_id: 'other' })).toEqual([]);
    expect(await contents({ OR: [{ peer_id: 'bob' }, { metadata: { n: 3 } }] })).toEqual(['second message here', 'third']);
  });

  it('422 for an `id` filter, unknown keys, non-object filters and bad pagination', async () => {
    const { ws } = await seed();
    const byId = await expectStatus(await list(ws, { filters: { id: 'x' } }), 422);
    expect(byId.detail).toMatch(/Column 'id' is not allowed/);
    expect(byId.errors[0].path).toBe('body.filters.id');
    await expectStatus(await list(ws, { filters: { content: 'x' } }), 422);
    await expectStatus(await list(ws, { filters: 'peer_id' }), 422);
    await expectStatus(await list(ws, {}, '?size=101'), 422);
    await expectStatus(await list(ws, {}, '?page=0'), 422);
  });

  it('an unknown or deleted session is an empty page', async () => {
    const { ws } = await seed();
    const unknown = (await (await call('POST', `${base(ws, 'nope')}/list`, {})).json()) as Json;
    expect(unknown).toEqual({ items: [], total: 0, page: 1, size: 50, pages: 0 });
    const { db, session } = await ids(ws, 's');
    await db.session.update({ where: { id: session.id }, data: { deletedAt: new Date() } });
    expect(((await (await list(ws, {})).json()) as Json).total).toBe(0);
  });
});

describe('GET / PUT / DELETE …/messages/{id}', () => {
  it('reads a message; 404 with the contract detail when unknown, in another session or session unknown', async () => {
    const ws = unique('ws');
    const [message] = await post(ws, 's1', [say('a', 'hello')]);
    await post(ws, 's2', [say('a', 'other')]);
    const got = await call('GET', `${base(ws, 's1')}/${message!.id}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(message);
    expect(await expectStatus(await call('GET', `${base(ws, 's1')}/nope`), 404)).toEqual({ detail: 'Message with ID nope not found' });
    await expectStatus(await call('GET', `${base(ws, 's2')}/${message!.id}`), 404);
    await expectStatus(await call('GET', `${base(ws, 'missing')}/${message!.id}`), 404);
    await expectStatus(await call('GET', `${base('missing-ws', 's1')}/${message!.id}`), 404);
    // Static segments only win for their own methods: GET …/messages/list addresses a message named "list".
    expect(await expectStatus(await call('GET', `${base(ws, 's1')}/list`), 404)).toEqual({ detail: 'Message with ID list not found' });
  });

  it('replaces metadata (null keeps it) and never touches content; 404 and 422 paths', async () => {
    const ws = unique('ws');
    const [message] = await post(ws, 's', [say('a', 'hello', { metadata: { old: true } })]);
    const url = `${base(ws, 's')}/${message!.id}`;
    const updated = await call('PUT', url, { metadata: { fresh: 1 }, content: 'ignored' });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toEqual({ ...message, metadata: { fresh: 1 } });
    expect(((await (await call('PUT', url, { metadata: null })).json()) as Json).metadata).toEqual({ fresh: 1 });
    expect(((await (await call('PUT', url, {})).json()) as Json).metadata).toEqual({ fresh: 1 });
    expect((await expectStatus(await call('PUT', `${base(ws, 's')}/nope`, { metadata: {} }), 404)).detail).toBe(
      'Message with ID nope not found',
    );
    await expectStatus(await call('PUT', `${base(ws, 'other')}/${message!.id}`, { metadata: {} }), 404);
    await expectStatus(await call('PUT', url, { metadata: 'text' }), 422);
    await expectStatus(await call('PUT', url), 422);
    await expectStatus(await call('PUT', url, '{', {}), 400);
  });

  it('deletes a message (204) with its pending work; afterwards 404 everywhere', async () => {
    const ws = unique('ws');
    const [keep, doomed] = await post(ws, 's', [say('a', 'keep'), say('a', 'doomed')]);
    const url = `${base(ws, 's')}/${doomed!.id}`;
    await expectStatus(await call('DELETE', `${base(ws, 'other')}/${doomed!.id}`), 404);
    const deleted = await call('DELETE', url);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    await expectStatus(await call('GET', url), 404);
    await expectStatus(await call('DELETE', url), 404);
    const items = await workItems(ws, 's');
    expect(items.some((i) => i.messageId === doomed!.id)).toBe(false);
    expect(items.some((i) => i.messageId === keep!.id)).toBe(true);
    const page = (await (await call('POST', `${base(ws, 's')}/list`, {})).json()) as Json;
    expect(page.items.map((m: Json) => m.id)).toEqual([keep!.id]);
    // Sequence numbers are never reused.
    const [next] = await post(ws, 's', [say('a', 'next')]);
    expect((await getDb().message.findUniqueOrThrow({ where: { id: next!.id } })).seq).toBe(3);
  });

  it('raw appFetch reaches the same handlers through a full URL', async () => {
    const ws = unique('ws');
    const response = await appFetch(`${APP_BASE_URL}${base(ws, 's')}?unknown=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ messages: [say('a', 'x')] }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });
});

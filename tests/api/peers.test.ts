// Peers over raw HTTP (docs/api.md#s3-3, #s3-15): get-or-create, upsert, list, a peer's sessions, deletion with its
// cascade, and export. Sessions, messages, conclusions and cards are seeded through Prisma, so these tests do not
// depend on the routes that create them.
import { describe, expect, it } from 'vitest';
import type { Peer, Session, Workspace } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { newPublicId } from '@/server/services/ids';
import { ensurePeer } from '@/server/services/peers/ensure-peer';
import { ensureSession } from '@/server/services/sessions/ensure-session';
import { ensureWorkspace } from '@/server/services/workspaces/ensure-workspace';
import { call } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { invalid, json, uniqueId } from '../support/http-assertions';

provideTestDatabase();

async function notFound(response: Response) {
  expect(response.status).toBe(404);
  const body = await json(response);
  expect(typeof body.detail).toBe('string');
  return body.detail as string;
}

const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

async function newWorkspace(label = 'ws'): Promise<string> {
  const id = uniqueId(label);
  expect((await call('POST', '/v3/workspaces', { id })).status).toBe(201);
  return id;
}

async function createPeer(ws: string, body: Record<string, unknown>) {
  const response = await call('POST', `/v3/workspaces/${ws}/peers`, body);
  expect([200, 201]).toContain(response.status);
  return json(response);
}

describe('POST …/peers (get-or-create)', () => {
  it('creates the peer (and a missing workspace) with 201, then answers 200', async () => {
    const ws = uniqueId('auto');
    const created = await call('POST', `/v3/workspaces/${ws}/peers`, { id: 'alice', metadata: { role: 'user' }, configuration: { observe_me: false } });
    expect(created.status).toBe(201);
    const alice = await json(created);
    expect(alice).toEqual({
      id: 'alice',
      workspace_id: ws,
      metadata: { role: 'user' },
      configuration: { observe_me: false },
      created_at: expect.stringMatching(/Z$/),
    });
    expect((await call('POST', '/v3/workspaces', { id: ws })).status).toBe(200);

    const read = await call('POST', `/v3/workspaces/${ws}/peers`, { id: 'alice' });
    expect(read.status).toBe(200);
    expect(await json(read)).toEqual(alice);
  });

  it('replaces supplied metadata and configuration of an existing peer; omitted or null ones stay', async () => {
    const ws = await newWorkspace();
    await createPeer(ws, { id: 'bob', metadata: { a: 1 }, configuration: { observe_me: true, extra: 1 } });
    const meta = await createPeer(ws, { id: 'bob', metadata: { b: 2 } });
    expect(meta).toMatchObject({ metadata: { b: 2 }, configuration: { observe_me: true, extra: 1 } });
    const config = await createPeer(ws, { id: 'bob', configuration: { observe_me: false }, metadata: null });
    expect(config).toMatchObject({ metadata: { b: 2 }, configuration: { observe_me: false } });
  });

  it('accepts `name` as an alias; 10 concurrent creates give one 201 and nine 200', async () => {
    const ws = await newWorkspace();
    expect((await createPeer(ws, { name: 'carol' })).id).toBe('carol');
    const responses = await Promise.all(Array.from({ length: 10 }, () => call('POST', `/v3/workspaces/${ws}/peers`, { id: 'dave' })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  });

  it('validates ids, metadata and configuration (422), JSON (400) and media type (415)', async () => {
    const ws = await newWorkspace();
    const post = (body: unknown, headers?: Record<string, string>) => call('POST', `/v3/workspaces/${ws}/peers`, body, headers);
    expect(await invalid(await post({}))).toEqual(['body.id']);
    expect(await invalid(await post({ id: 'scope.x' }))).toEqual(['body.id']);
    expect(await invalid(await post({ id: 'a b' }))).toEqual(['body.id']);
    expect(await invalid(await post({ id: 'x'.repeat(513) }))).toEqual(['body.id']);
    expect(await invalid(await post({ id: 'ok', metadata: 'm' }))).toEqual(['body.metadata']);
    expect(await invalid(await post({ id: 'ok', metadata: { a: { b: { c: { d: { e: {} } } } } } }))).toEqual(['body.metadata']);
    expect(await invalid(await post({ id: 'ok', configuration: [] }))).toEqual(['body.configuration']);
    expect(await invalid(await post({ id: 'ok', configuration: { observe_me: 'no' } }))).toEqual(['body.configuration.observe_me']);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers`))).toEqual(['body']);
    expect(await invalid(await call('POST', '/v3/workspaces/bad.ws/peers', { id: 'ok' }))).toEqual(['path.workspace_id']);
    expect((await post('{"id":')).status).toBe(400);
    expect((await post('id=ok', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    // None of the refused requests created anything.
    const listed = await json(await call('POST', `/v3/workspaces/${ws}/peers/list`, {}));
    expect(listed.total).toBe(0);
  });
});

describe('PUT …/peers/{peer_id}', () => {
  it('upserts: creates workspace and peer, then replaces supplied fields', async () => {
    const ws = uniqueId('putws');
    const created = await call('PUT', `/v3/workspaces/${ws}/peers/erin`, { metadata: { v: 1 } });
    expect(created.status).toBe(200);
    expect(await json(created)).toMatchObject({ id: 'erin', workspace_id: ws, metadata: { v: 1 }, configuration: {} });

    const updated = await json(await call('PUT', `/v3/workspaces/${ws}/peers/erin`, { configuration: { observe_me: false } }));
    expect(updated).toMatchObject({ metadata: { v: 1 }, configuration: { observe_me: false } });
    const replaced = await json(await call('PUT', `/v3/workspaces/${ws}/peers/erin`, { metadata: { w: 2 }, configuration: {} }));
    expect(replaced).toMatchObject({ metadata: { w: 2 }, configuration: {} });
    expect(await json(await call('PUT', `/v3/workspaces/${ws}/peers/erin`, {}))).toEqual(replaced);
  });

  it('validates the path ids (it can create) and the body', async () => {
    const ws = await newWorkspace();
    expect(await invalid(await call('PUT', `/v3/workspaces/${ws}/peers/scope.x`, {}))).toEqual(['path.peer_id']);
    expect(await invalid(await call('PUT', `/v3/workspaces/bad.ws/peers/ok`, {}))).toEqual(['path.workspace_id']);
    expect(await invalid(await call('PUT', `/v3/workspaces/${ws}/peers/ok`, { metadata: [] }))).toEqual(['body.metadata']);
    expect(await invalid(await call('PUT', `/v3/workspaces/${ws}/peers/ok`))).toEqual(['body']);
    expect((await call('PUT', `/v3/workspaces/${ws}/peers/ok`, '[')).status).toBe(400);
  });

  it('PUT and DELETE …/peers/list fall through to the peer named "list"; its sub-routes work too', async () => {
    const ws = await newWorkspace();
    const put = await call('PUT', `/v3/workspaces/${ws}/peers/list`, { metadata: { named: 'list' } });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ id: 'list', metadata: { named: 'list' } });
    const sessions = await call('POST', `/v3/workspaces/${ws}/peers/list/sessions`, {});
    expect(sessions.status).toBe(200);
    expect((await json(sessions)).total).toBe(0);
    expect((await call('GET', `/v3/workspaces/${ws}/peers/list/export`)).status).toBe(200);
    expect((await call('DELETE', `/v3/workspaces/${ws}/peers/list`)).status).toBe(202);
    await notFound(await call('DELETE', `/v3/workspaces/${ws}/peers/list`));
  });
});

describe('POST …/peers/list', () => {
  it('walks every page oldest first, echoes page and size, answers past the end, reverses', async () => {
    const ws = await newWorkspace('walk');
    const names: string[] = [];
    for (let i = 0; i < 5; i += 1) names.push((await createPeer(ws, { id: `p${i}`, metadata: { i } })).id);

    const seen: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const result = await json(await call('POST', `/v3/workspaces/${ws}/peers/list?page=${page}&size=2`, {}));
      expect(result).toMatchObject({ total: 5, page, size: 2, pages: 3 });
      seen.push(...ids(result));
    }
    expect(seen).toEqual(names);
    expect(await json(await call('POST', `/v3/workspaces/${ws}/peers/list?page=9&size=2`))).toEqual({
      items: [],
      total: 5,
      page: 9,
      size: 2,
      pages: 3,
    });
    const reversed = await json(await call('POST', `/v3/workspaces/${ws}/peers/list?reverse=true`, { filters: null }));
    expect(ids(reversed)).toEqual([...names].reverse());
    expect(reversed.items[0]).toEqual({ id: 'p4', workspace_id: ws, metadata: { i: 4 }, configuration: {}, created_at: expect.any(String) });
  });

  it('filters on id, workspace_id, created_at and metadata; refuses other keys', async () => {
    const ws = await newWorkspace();
    for (const [id, tier] of [['ann', 'pro'], ['ben', 'free'], ['cat', 'pro']] as const) await createPeer(ws, { id, metadata: { tier } });
    const list = async (filters: unknown) => json(await call('POST', `/v3/workspaces/${ws}/peers/list`, { filters }));

    expect(ids(await list({ metadata: { tier: 'pro' } }))).toEqual(['ann', 'cat']);
    expect(ids(await list({ id: ['ben', 'cat'] }))).toEqual(['ben', 'cat']);
    expect(ids(await list({ id: { ne: 'ann' }, metadata: { tier: 'pro' } }))).toEqual(['cat']);
    expect(ids(await list({ OR: [{ id: 'ann' }, { id: 'ben' }] }))).toEqual(['ann', 'ben']);
    expect((await list({ workspace_id: ws })).total).toBe(3);
    expect((await list({ workspace_id: 'another' })).total).toBe(0);
    expect((await list({ created_at: { lte: '2000-01-01' } })).total).toBe(0);

    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers/list`, { filters: { peer_id: 'ann' } }))).toEqual([
      'body.filters.peer_id',
    ]);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers/list`, { filters: { id: { between: 1 } } }))).toEqual([
      'body.filters.id.between',
    ]);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers/list?page=-1`, {}))).toEqual(['query.page']);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers/list?size=500`, {}))).toEqual(['query.size']);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers/list`, { kind: 'robots' }))).toEqual(['body.kind']);
  });

  it('hides scope peers unless `kind` asks for them', async () => {
    const ws = await newWorkspace();
    await createPeer(ws, { id: 'plain' });
    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
    await db.peer.create({ data: { id: newPublicId(), workspaceId: workspace.id, name: 'scope.team', kind: 'scope' } });
    const list = async (body: unknown) => ids(await json(await call('POST', `/v3/workspaces/${ws}/peers/list`, body)));
    expect(await list({})).toEqual(['plain']);
    expect(await list({ kind: null })).toEqual(['plain']);
    expect(await list({ kind: 'scope' })).toEqual(['scope.team']);
    expect(await list({ kind: 'all' })).toEqual(['plain', 'scope.team']);
    // A scope peer is not a peer on the peer routes: its reserved name is refused.
    expect(await invalid(await call('DELETE', `/v3/workspaces/${ws}/peers/scope.team`))).toEqual(['path.peer_id']);
    expect(await invalid(await call('GET', `/v3/workspaces/${ws}/peers/scope.team/export`))).toEqual(['path.peer_id']);
  });

  it('is 404 JSON for a workspace that does not exist', async () => {
    await notFound(await call('POST', '/v3/workspaces/no-such-workspace/peers/list', {}));
    await notFound(await call('POST', '/v3/workspaces/not.valid/peers/list', {}));
  });
});

type Seeded = { workspace: Workspace; peers: Record<string, Peer>; sessions: Record<string, Session> };

/** A workspace with peers, sessions and memberships, written straight to the database. */
async function seed(peerNames: string[], sessionNames: string[]): Promise<Seeded> {
  const ws = await newWorkspace('seed');
  const db = getDb();
  const { workspace } = await ensureWorkspace(db, ws);
  const peers: Record<string, Peer> = {};
  for (const name of peerNames) peers[name] = (await ensurePeer(db, workspace.id, name)).peer;
  const sessions: Record<string, Session> = {};
  for (const name of sessionNames) sessions[name] = (await ensureSession(db, workspace.id, name)).session;
  return { workspace, peers, sessions };
}

async function join(s: Seeded, session: string, peer: string, extra: { leftAt?: Date; observeOthers?: boolean } = {}) {
  await getDb().sessionPeer.create({
    data: { workspaceId: s.workspace.id, sessionId: s.sessions[session]!.id, peerId: s.peers[peer]!.id, ...extra },
  });
}

async function addMessage(s: Seeded, session: string, peer: string, content: string) {
  const db = getDb();
  const row = await db.session.update({ where: { id: s.sessions[session]!.id }, data: { lastSeq: { increment: 1 } } });
  return db.message.create({
    data: {
      id: newPublicId(),
      workspaceId: s.workspace.id,
      sessionId: row.id,
      peerId: s.peers[peer]!.id,
      seq: row.lastSeq,
      content,
      tokenCount: content.split(' ').length,
      createdAt: new Date(),
    },
  });
}

async function addConclusion(
  s: Seeded,
  observer: string,
  observed: string,
  content: string,
  sources: { messageIds?: string[]; premiseIds?: string[]; session?: string } = {},
) {
  const db = getDb();
  const conclusion = await db.conclusion.create({
    data: {
      id: newPublicId(),
      workspaceId: s.workspace.id,
      observerId: s.peers[observer]!.id,
      observedId: s.peers[observed]!.id,
      sessionId: sources.session ? s.sessions[sources.session]!.id : null,
      level: sources.premiseIds?.length ? 'deductive' : 'explicit',
      origin: 'deriver',
      content,
      tokenCount: 3,
      sourceIds: sources.premiseIds ?? [],
    },
  });
  for (const messageId of sources.messageIds ?? []) {
    await db.conclusionMessage.create({ data: { workspaceId: s.workspace.id, conclusionId: conclusion.id, messageId } });
  }
  return conclusion;
}

async function addCard(s: Seeded, observer: string, observed: string, entries: string[]) {
  await getDb().peerCard.create({
    data: { workspaceId: s.workspace.id, observerId: s.peers[observer]!.id, observedId: s.peers[observed]!.id, entries },
  });
}

describe('POST …/peers/{peer_id}/sessions', () => {
  it('lists live sessions the peer has a membership in, including left ones, oldest first', async () => {
    const s = await seed(['alice', 'bob'], ['s1', 's2', 's3', 's4', 'other']);
    await join(s, 's1', 'alice');
    await join(s, 's2', 'alice', { leftAt: new Date() });
    await join(s, 's3', 'alice');
    await join(s, 's4', 'alice');
    await join(s, 'other', 'bob');
    const db = getDb();
    await db.session.update({ where: { id: s.sessions.s3!.id }, data: { deletedAt: new Date() } });
    await db.session.update({ where: { id: s.sessions.s4!.id }, data: { isActive: false, metadata: { topic: 'x' } } });
    const ws = s.workspace.name;
    const list = async (body: unknown, query = '') => json(await call('POST', `/v3/workspaces/${ws}/peers/alice/sessions${query}`, body));

    const all = await list({});
    expect(ids(all)).toEqual(['s1', 's2', 's4']);
    expect(all.items[2]).toEqual({
      id: 's4',
      workspace_id: ws,
      is_active: false,
      metadata: { topic: 'x' },
      configuration: {},
      created_at: expect.any(String),
    });
    expect(ids(await list(undefined, '?reverse=true'))).toEqual(['s4', 's2', 's1']);
    const page2 = await list({}, '?page=2&size=2');
    expect(page2).toMatchObject({ total: 3, page: 2, size: 2, pages: 2 });
    expect(ids(page2)).toEqual(['s4']);
    expect(await list({}, '?page=3&size=2')).toMatchObject({ items: [], total: 3, pages: 2 });

    expect(ids(await list({ filters: { is_active: true } }))).toEqual(['s1', 's2']);
    expect(ids(await list({ filters: { metadata: { topic: 'x' } } }))).toEqual(['s4']);
    expect(ids(await list({ filters: { id: { in: ['s1', 'other'] } } }))).toEqual(['s1']);
    expect(ids(await list({ filters: { workspace_id: ws } }))).toEqual(['s1', 's2', 's4']);
    expect(ids(await json(await call('POST', `/v3/workspaces/${ws}/peers/bob/sessions`)))).toEqual(['other']);

    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers/alice/sessions`, { filters: { peer_id: 'x' } }))).toEqual([
      'body.filters.peer_id',
    ]);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers/alice/sessions`, { filters: { is_active: 'yes' } }))).toEqual([
      'body.filters.is_active',
    ]);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers/alice/sessions?size=0`, {}))).toEqual(['query.size']);
  });

  it('is 404 for unknown peers and workspaces, and for ids that cannot exist', async () => {
    const ws = await newWorkspace();
    expect(await notFound(await call('POST', `/v3/workspaces/${ws}/peers/nobody/sessions`, {}))).toBe('Peer nobody not found');
    await notFound(await call('POST', `/v3/workspaces/${ws}/peers/bad.id/sessions`, {}));
    await notFound(await call('POST', '/v3/workspaces/missing-ws/peers/alice/sessions', {}));
  });
});

describe('DELETE …/peers/{peer_id}', () => {
  it('removes the peer with its memberships, messages, conclusions and cards; other data stays; summaries go stale', async () => {
    const s = await seed(['alice', 'bob', 'carol'], ['s1', 's2']);
    const db = getDb();
    await join(s, 's1', 'alice');
    await join(s, 's1', 'bob');
    await join(s, 's2', 'bob');
    const m1 = await addMessage(s, 's1', 'bob', 'hello alice');
    const m2 = await addMessage(s, 's1', 'alice', 'I have a dog');
    const m3 = await addMessage(s, 's1', 'bob', 'nice dog');
    const m4 = await addMessage(s, 's2', 'bob', 'unrelated');
    await db.sessionSummary.create({
      data: { id: newPublicId(), workspaceId: s.workspace.id, sessionId: s.sessions.s1!.id, kind: 'short', content: 'sum', tokenCount: 1, lastMessageId: m3.id, lastSeq: 3 },
    });
    await db.sessionSummary.create({
      data: { id: newPublicId(), workspaceId: s.workspace.id, sessionId: s.sessions.s2!.id, kind: 'short', content: 'sum', tokenCount: 1, lastMessageId: m4.id, lastSeq: 1 },
    });

    const aboutAlice = await addConclusion(s, 'bob', 'alice', 'alice has a dog', { messageIds: [m2.id], session: 's1' });
    const heldByAlice = await addConclusion(s, 'alice', 'bob', 'bob likes dogs', { messageIds: [m3.id] });
    // bob's view of carol derived only from alice's message: goes with the message.
    const onlyFromAlice = await addConclusion(s, 'bob', 'carol', 'carol was mentioned', { messageIds: [m2.id] });
    // bob's self-view from a mixed source set: keeps its remaining source.
    const mixed = await addConclusion(s, 'bob', 'bob', 'bob talks about dogs', { messageIds: [m2.id, m3.id] });
    // A deduction whose premises are all removed goes; one with a surviving premise stays.
    const deduced = await addConclusion(s, 'carol', 'bob', 'bob may own a pet', { premiseIds: [onlyFromAlice.id] });
    const deducedTwice = await addConclusion(s, 'carol', 'bob', 'bob talks a lot', { premiseIds: [deduced.id] });
    const survivor = await addConclusion(s, 'carol', 'bob', 'bob is social', { premiseIds: [onlyFromAlice.id, mixed.id] });
    const untouched = await addConclusion(s, 'bob', 'carol', 'carol is quiet', { messageIds: [m1.id] });

    await addCard(s, 'alice', 'alice', ['Alice']);
    await addCard(s, 'alice', 'bob', ['Bob']);
    await addCard(s, 'bob', 'alice', ['Owns a dog']);
    await addCard(s, 'bob', 'carol', ['Carol']);

    const ws = s.workspace.name;
    const response = await call('DELETE', `/v3/workspaces/${ws}/peers/alice`);
    expect(response.status).toBe(202);
    expect(await json(response)).toEqual({ message: 'Peer deletion accepted' });

    const alice = s.peers.alice!.id;
    expect(await db.peer.count({ where: { id: alice } })).toBe(0);
    expect(await db.sessionPeer.count({ where: { peerId: alice } })).toBe(0);
    expect(await db.message.count({ where: { peerId: alice } })).toBe(0);
    expect(await db.peerCard.count({ where: { OR: [{ observerId: alice }, { observedId: alice }] } })).toBe(0);
    expect(await db.peerCard.count({ where: { workspaceId: s.workspace.id } })).toBe(1);
    const remaining = (await db.conclusion.findMany({ where: { workspaceId: s.workspace.id } })).map((c) => c.id).sort();
    expect(remaining).toEqual([mixed.id, survivor.id, untouched.id].sort());
    expect([aboutAlice, heldByAlice, onlyFromAlice, deduced, deducedTwice].some((c) => remaining.includes(c.id))).toBe(false);
    expect(await db.conclusionMessage.findMany({ where: { conclusionId: mixed.id } })).toEqual([
      expect.objectContaining({ messageId: m3.id }),
    ]);
    expect(await db.message.count({ where: { workspaceId: s.workspace.id } })).toBe(3);
    const summaries = await db.sessionSummary.findMany({ where: { workspaceId: s.workspace.id } });
    expect(summaries.find((x) => x.sessionId === s.sessions.s1!.id)?.staleAt).toBeInstanceOf(Date);
    expect(summaries.find((x) => x.sessionId === s.sessions.s2!.id)?.staleAt).toBeNull();
    expect(await db.sessionPeer.count({ where: { workspaceId: s.workspace.id } })).toBe(2);

    // Gone from every read, and the id is free again at once.
    await notFound(await call('DELETE', `/v3/workspaces/${ws}/peers/alice`));
    await notFound(await call('GET', `/v3/workspaces/${ws}/peers/alice/export`));
    expect(ids(await json(await call('POST', `/v3/workspaces/${ws}/peers/list`, {})))).toEqual(['bob', 'carol']);
    const reborn = await call('POST', `/v3/workspaces/${ws}/peers`, { id: 'alice' });
    expect(reborn.status).toBe(201);
    expect(ids(await json(await call('POST', `/v3/workspaces/${ws}/peers/alice/sessions`, {})))).toEqual([]);
  });

  it('is 404 JSON for unknown peers, unknown workspaces and invalid ids', async () => {
    const ws = await newWorkspace();
    expect(await notFound(await call('DELETE', `/v3/workspaces/${ws}/peers/ghost`))).toBe('Peer ghost not found');
    await notFound(await call('DELETE', `/v3/workspaces/${ws}/peers/bad.id`));
    await notFound(await call('DELETE', '/v3/workspaces/missing-ws/peers/ghost'));
  });
});

describe('GET …/peers/{peer_id}/export', () => {
  it('returns the rapport.peer-export/1 document', async () => {
    const s = await seed(['alice', 'bob', 'carol'], ['s1', 's2', 'gone']);
    const db = getDb();
    await db.peer.update({ where: { id: s.peers.alice!.id }, data: { metadata: { role: 'user' } } });
    await join(s, 's1', 'alice', { observeOthers: true });
    await join(s, 's2', 'alice', { leftAt: new Date('2026-01-02T03:04:05Z') });
    await join(s, 'gone', 'alice');
    const m1 = await addMessage(s, 's1', 'alice', 'first');
    await addMessage(s, 's1', 'bob', 'not hers');
    const m2 = await addMessage(s, 's2', 'alice', 'second');
    await addMessage(s, 'gone', 'alice', 'in a deleted session');
    await db.session.update({ where: { id: s.sessions.gone!.id }, data: { deletedAt: new Date() } });

    const about = await addConclusion(s, 'bob', 'alice', 'alice said first', { messageIds: [m1.id], session: 's1' });
    const self = await addConclusion(s, 'alice', 'alice', 'I am alice', { messageIds: [m2.id] });
    const held = await addConclusion(s, 'alice', 'bob', 'bob is kind', { premiseIds: [about.id] });
    await addConclusion(s, 'bob', 'carol', 'not about alice');
    await addCard(s, 'alice', 'alice', ['Name: Alice']);
    await addCard(s, 'alice', 'bob', ['Name: Bob']);
    await addCard(s, 'carol', 'alice', ['Likes tea']);

    const ws = s.workspace.name;
    const response = await call('GET', `/v3/workspaces/${ws}/peers/alice/export`);
    expect(response.status).toBe(200);
    const doc = await json(response);
    expect(doc).toMatchObject({
      format: 'rapport.peer-export/1',
      exported_at: expect.stringMatching(/Z$/),
      workspace_id: ws,
      peer: { id: 'alice', workspace_id: ws, metadata: { role: 'user' }, configuration: {} },
    });
    expect(doc.memberships).toEqual([
      { session_id: 's1', joined_at: expect.any(String), left_at: null, configuration: { observe_me: null, observe_others: true } },
      { session_id: 's2', joined_at: expect.any(String), left_at: '2026-01-02T03:04:05.000Z', configuration: { observe_me: null, observe_others: null } },
    ]);
    expect(doc.messages.map((m: { id: string }) => m.id)).toEqual([m1.id, m2.id]);
    expect(doc.messages[0]).toEqual({
      id: m1.id,
      content: 'first',
      peer_id: 'alice',
      session_id: 's1',
      workspace_id: ws,
      metadata: {},
      created_at: expect.any(String),
      token_count: 1,
    });
    expect(doc.conclusions.about_peer.map((c: { id: string }) => c.id)).toEqual([about.id, self.id]);
    expect(doc.conclusions.about_peer[0]).toEqual({
      id: about.id,
      content: 'alice said first',
      observer_id: 'bob',
      observed_id: 'alice',
      session_id: 's1',
      level: 'explicit',
      source_ids: [],
      times_derived: 1,
      created_at: expect.any(String),
    });
    expect(doc.conclusions.held_by_peer).toEqual([
      expect.objectContaining({ id: held.id, observer_id: 'alice', observed_id: 'bob', session_id: null, level: 'deductive', source_ids: [about.id] }),
    ]);
    expect(doc.peer_cards).toEqual({ self: ['Name: Alice'], about_others: { bob: ['Name: Bob'] }, held_by_others: { carol: ['Likes tea'] } });
  });

  it('exports an empty peer with empty collections', async () => {
    const s = await seed(['solo'], []);
    const doc = await json(await call('GET', `/v3/workspaces/${s.workspace.name}/peers/solo/export`));
    expect(doc).toMatchObject({
      memberships: [],
      messages: [],
      conclusions: { about_peer: [], held_by_peer: [] },
      peer_cards: { self: [], about_others: {}, held_by_others: {} },
    });
  });

  it('is 404 for unknown peers and workspaces', async () => {
    const ws = await newWorkspace();
    await notFound(await call('GET', `/v3/workspaces/${ws}/peers/ghost/export`));
    await notFound(await call('GET', '/v3/workspaces/missing-ws/peers/ghost/export'));
  });
});

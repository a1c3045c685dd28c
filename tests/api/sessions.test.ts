// Sessions over raw HTTP (docs/api.md#s3-4): get-or-create, list, update, delete and clone, with their unhappy paths.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { mintJwt } from '@/server/services/auth/mint-jwt';
import { call } from '../support/app-fetch';
import { insertConclusion, insertMessages, uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';

// These suites exercise the session rules; credentials are covered where noted and by the auth suites.
process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function json(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

async function createSession(ws: string, body: Json): Promise<Response> {
  return call('POST', `/v3/workspaces/${ws}/sessions`, body);
}

async function sessionRow(ws: string, name: string) {
  const db = getDb();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
  return db.session.findUnique({ where: { workspaceId_name: { workspaceId: workspace.id, name } } });
}

describe('POST …/sessions (get-or-create)', () => {
  it('creates the session and its workspace (201), then returns it (200) without resetting anything', async () => {
    const ws = uniqueId('ws');
    const created = await createSession(ws, { id: 's1', metadata: { topic: 'cats' }, configuration: { summary: { enabled: false } } });
    expect(created.status).toBe(201);
    const body = await json(created);
    expect(body).toEqual({
      id: 's1',
      workspace_id: ws,
      is_active: true,
      metadata: { topic: 'cats' },
      configuration: { summary: { enabled: false } },
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
    });
    expect(Number.isNaN(new Date(body.created_at).getTime())).toBe(false);
    expect(await getDb().workspace.findUnique({ where: { name: ws } })).not.toBeNull();

    const again = await createSession(ws, { id: 's1' });
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual(body);
  });

  it('accepts `name` as an alias of `id`', async () => {
    const ws = uniqueId('ws');
    const response = await createSession(ws, { name: 'aliased' });
    expect(response.status).toBe(201);
    expect((await json(response)).id).toBe('aliased');
  });

  it('replaces metadata and shallow-merges configuration of an existing session', async () => {
    const ws = uniqueId('ws');
    await createSession(ws, { id: 's', metadata: { a: 1, b: 2 }, configuration: { reasoning: { enabled: false }, dream: { enabled: false } } });
    const response = await createSession(ws, { id: 's', metadata: { c: 3 }, configuration: { reasoning: { custom_instructions: 'be brief' } } });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.metadata).toEqual({ c: 3 });
    expect(body.configuration).toEqual({ reasoning: { custom_instructions: 'be brief' }, dream: { enabled: false } });
  });

  it('treats null metadata and configuration as "unchanged" and drops null configuration leaves', async () => {
    const ws = uniqueId('ws');
    await createSession(ws, { id: 's', metadata: { keep: true }, configuration: { dream: { enabled: false } } });
    const body = await json(await createSession(ws, { id: 's', metadata: null, configuration: null }));
    expect(body.metadata).toEqual({ keep: true });
    expect(body.configuration).toEqual({ dream: { enabled: false } });
    const merged = await json(await createSession(ws, { id: 's', configuration: { summary: { enabled: null }, skip_deriver: true } }));
    expect(merged.configuration).toEqual({ dream: { enabled: false }, reasoning: { enabled: false } });
  });

  it('get-or-creates peers and joins them; active members keep their config, left ones rejoin with the new one', async () => {
    const ws = uniqueId('ws');
    const first = await createSession(ws, { id: 's', peers: { alice: { observe_others: true }, bob: {} } });
    expect(first.status).toBe(201);
    const peers = await json(await call('GET', `/v3/workspaces/${ws}/sessions/s/peers`));
    expect(peers.items.map((p: Json) => p.id)).toEqual(['alice', 'bob']);

    await createSession(ws, { id: 's', peers: { alice: { observe_others: false, observe_me: false } } });
    expect(await json(await call('GET', `/v3/workspaces/${ws}/sessions/s/peers/alice/config`))).toEqual({
      observe_me: null,
      observe_others: true,
    });

    await call('DELETE', `/v3/workspaces/${ws}/sessions/s/peers`, ['bob']);
    await createSession(ws, { id: 's', peers: { bob: { observe_me: false } } });
    expect(await json(await call('GET', `/v3/workspaces/${ws}/sessions/s/peers/bob/config`))).toEqual({
      observe_me: false,
      observe_others: null,
    });
    const after = await json(await call('GET', `/v3/workspaces/${ws}/sessions/s/peers`));
    expect(after.items.map((p: Json) => p.id)).toEqual(['alice', 'bob']);
  });

  it('refuses an eleventh observer with 400 and creates nothing', async () => {
    const ws = uniqueId('ws');
    const peers = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, { observe_others: true }]));
    const response = await createSession(ws, { id: 'crowd', peers });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ detail: 'Cannot create session crowd with 11 observers. Maximum allowed is 10' });
    expect(await sessionRow(ws, 'crowd').catch(() => null)).toBeNull();

    const ten = Object.fromEntries(Object.entries(peers).slice(0, 10));
    expect((await createSession(ws, { id: 'crowd', peers: { ...ten, quiet: { observe_others: false } } })).status).toBe(201);
  });

  it('answers 404 while the session is being deleted', async () => {
    const ws = uniqueId('ws');
    await createSession(ws, { id: 'doomed' });
    await getDb().session.update({ where: { id: (await sessionRow(ws, 'doomed'))!.id }, data: { deletedAt: new Date() } });
    const response = await createSession(ws, { id: 'doomed' });
    expect(response.status).toBe(404);
    expect((await json(response)).detail).toMatch(/Session doomed/);
    expect((await call('PUT', `/v3/workspaces/${ws}/sessions/doomed`, { metadata: {} })).status).toBe(404);
    expect((await call('POST', `/v3/workspaces/${ws}/sessions/doomed/peers`, { alice: {} })).status).toBe(404);
  });

  it('rejects malformed JSON (400), wrong media types (415) and invalid fields (422 with paths)', async () => {
    const ws = uniqueId('ws');
    const malformed = await call('POST', `/v3/workspaces/${ws}/sessions`, '{"id": ');
    expect(malformed.status).toBe(400);
    expect(await json(malformed)).toEqual({ detail: 'Malformed JSON body' });

    const media = await call('POST', `/v3/workspaces/${ws}/sessions`, 'id=s', { 'content-type': 'text/plain' });
    expect(media.status).toBe(415);
    expect(typeof (await json(media)).detail).toBe('string');

    const cases: [unknown, string][] = [
      [{}, 'body.id'],
      [{ id: 'has space' }, 'body.id'],
      [{ id: 'scope.x' }, 'body.id'],
      [{ id: 's', metadata: 'nope' }, 'body.metadata'],
      [{ id: 's', configuration: { summary: { messages_per_short_summary: 30, messages_per_long_summary: 20 } } }, 'body.configuration.summary.messages_per_long_summary'],
      [{ id: 's', peers: { 'bad id': {} } }, 'body.peers.bad id'],
      [{ id: 's', peers: { alice: { observe_me: 'yes' } } }, 'body.peers.alice.observe_me'],
      [{ id: 's', peers: { 'scope.team': {} } }, 'body.peers.scope.team'],
    ];
    for (const [body, path] of cases) {
      const response = await createSession(ws, body as Json);
      expect(response.status, JSON.stringify(body)).toBe(422);
      const error = await json(response);
      expect(typeof error.detail).toBe('string');
      expect(error.errors.map((e: Json) => e.path)).toContain(path);
    }

    const empty = await call('POST', `/v3/workspaces/${ws}/sessions`);
    expect(empty.status).toBe(422);
    expect((await json(empty)).errors).toEqual([{ path: 'body', message: 'Field required' }]);

    const badWorkspace = await call('POST', '/v3/workspaces/bad%20ws/sessions', { id: 's' });
    expect(badWorkspace.status).toBe(422);
    expect((await json(badWorkspace)).errors[0].path).toBe('path.workspace_id');
  });

  it('joins the session to its scopes, creating missing ones, and validates scope ids', async () => {
    const ws = uniqueId('ws');
    expect((await createSession(ws, { id: 's', scopes: ['team', 'team'] })).status).toBe(201);
    const members = await json(await call('POST', `/v3/workspaces/${ws}/scopes/team/sessions/list`));
    expect(members.items.map((s: { id: string }) => s.id)).toEqual(['s']);
    for (const scopes of [[], ['scope.team'], ['bad id'], Array.from({ length: 101 }, (_, i) => `t${i}`)]) {
      const response = await createSession(ws, { id: 's2', scopes });
      expect(response.status).toBe(422);
      expect((await json(response)).errors[0].path).toMatch(/^body\.scopes/);
    }
  });

  it('answers ten concurrent get-or-creates of one id with one 201 and nine 200s', async () => {
    const ws = uniqueId('ws');
    const responses = await Promise.all(Array.from({ length: 10 }, () => createSession(ws, { id: 'race', peers: { alice: {} } })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const bodies = await Promise.all(responses.map(json));
    expect(new Set(bodies.map((b) => b.created_at)).size).toBe(1);
    expect(await getDb().sessionMembershipPeriod.count({ where: { session: { name: 'race', workspace: { name: ws } } } })).toBe(1);
  });
});

describe('POST …/sessions with credentials (docs/api.md#s4-4)', () => {
  it('lets a session credential get-or-create only its own session, and keeps scopes for workspace-level ones', async () => {
    const saved = { disabled: process.env.AUTH_DISABLED, secret: process.env.AUTH_JWT_SECRET };
    process.env.AUTH_DISABLED = 'false';
    process.env.AUTH_JWT_SECRET = 'sessions-test-secret';
    try {
      const ws = uniqueId('ws');
      const bearer = async (claims: { workspace_id: string; session_id?: string; peer_id?: string }) => ({
        authorization: `Bearer ${(await mintJwt(claims)).key}`,
      });
      const own = await bearer({ workspace_id: ws, session_id: 'mine' });
      expect((await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 'mine' }, own)).status).toBe(201);
      const other = await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 'theirs' }, own);
      expect(other.status).toBe(401);
      expect(await json(other)).toEqual({ detail: 'Unauthorized access to resource' });

      const peer = await bearer({ workspace_id: ws, peer_id: 'alice' });
      expect((await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 'theirs' }, peer)).status).toBe(201);
      expect((await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 'theirs', scopes: ['team'] }, peer)).status).toBe(401);

      const foreign = await bearer({ workspace_id: 'another-workspace' });
      expect((await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 'mine' }, foreign)).status).toBe(401);
      expect((await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 'mine' })).status).toBe(401);
    } finally {
      process.env.AUTH_DISABLED = saved.disabled;
      if (saved.secret === undefined) delete process.env.AUTH_JWT_SECRET;
      else process.env.AUTH_JWT_SECRET = saved.secret;
    }
  });
});

describe('POST …/sessions/list', () => {
  it('pages through live sessions oldest first, with reverse and past-the-end pages', async () => {
    const ws = uniqueId('ws');
    for (let i = 0; i < 7; i += 1) await createSession(ws, { id: `s${i}`, metadata: { n: i, even: i % 2 === 0 } });
    await getDb().session.update({ where: { id: (await sessionRow(ws, 's3'))!.id }, data: { deletedAt: new Date() } });

    const seen: string[] = [];
    for (let page = 1; ; page += 1) {
      const body = await json(await call('POST', `/v3/workspaces/${ws}/sessions/list?page=${page}&size=2`, {}));
      expect(body).toMatchObject({ total: 6, page, size: 2, pages: 3 });
      seen.push(...body.items.map((s: Json) => s.id));
      if (page >= body.pages) break;
    }
    expect(seen).toEqual(['s0', 's1', 's2', 's4', 's5', 's6']);

    const reversed = await json(await call('POST', `/v3/workspaces/${ws}/sessions/list?reverse=true`));
    expect(reversed.items.map((s: Json) => s.id)).toEqual(['s6', 's5', 's4', 's2', 's1', 's0']);
    expect(reversed).toMatchObject({ page: 1, size: 50, pages: 1 });

    const past = await json(await call('POST', `/v3/workspaces/${ws}/sessions/list?page=9&size=2`, { filters: null }));
    expect(past).toEqual({ items: [], total: 6, page: 9, size: 2, pages: 3 });
  });

  it('filters on id, workspace_id, is_active, created_at and metadata', async () => {
    const ws = uniqueId('ws');
    for (let i = 0; i < 4; i += 1) await createSession(ws, { id: `f${i}`, metadata: { n: i, tag: i < 2 ? 'old' : 'new' } });
    const list = async (filters: unknown) =>
      (await json(await call('POST', `/v3/workspaces/${ws}/sessions/list`, { filters }))).items.map((s: Json) => s.id);
    expect(await list({ id: 'f2' })).toEqual(['f2']);
    expect(await list({ id: { in: ['f0', 'f3'] } })).toEqual(['f0', 'f3']);
    expect(await list({ workspace_id: ws, is_active: true })).toEqual(['f0', 'f1', 'f2', 'f3']);
    expect(await list({ workspace_id: 'elsewhere' })).toEqual([]);
    expect(await list({ metadata: { tag: 'new' } })).toEqual(['f2', 'f3']);
    expect(await list({ metadata: { n: { gte: 1 } }, NOT: [{ id: 'f3' }] })).toEqual(['f1', 'f2']);
    expect(await list({ created_at: { lte: '2000-01-01' } })).toEqual([]);
    expect(await list({ created_at: { gte: '2000-01-01T00:00:00Z' } })).toHaveLength(4);
  });

  it('answers 422 for bad filters and pagination, 404 for an unknown workspace', async () => {
    const ws = uniqueId('ws');
    await createSession(ws, { id: 's' });
    const unknownKey = await call('POST', `/v3/workspaces/${ws}/sessions/list`, { filters: { peer_id: 'x' } });
    expect(unknownKey.status).toBe(422);
    const error = await json(unknownKey);
    expect(error.detail).toMatch(/Column 'peer_id' is not allowed to be filtered on or does not exist on Session/);
    expect(error.errors[0].path).toBe('body.filters.peer_id');

    const badType = await call('POST', `/v3/workspaces/${ws}/sessions/list`, { filters: { is_active: 'yes' } });
    expect(badType.status).toBe(422);
    expect((await json(badType)).errors[0].path).toMatch(/^body\.filters\.is_active/);

    const notObject = await call('POST', `/v3/workspaces/${ws}/sessions/list`, { filters: [1] });
    expect(notObject.status).toBe(422);

    for (const query of ['size=0', 'size=101', 'page=0', 'page=x', 'reverse=maybe']) {
      const response = await call('POST', `/v3/workspaces/${ws}/sessions/list?${query}`, {});
      expect(response.status, query).toBe(422);
      expect((await json(response)).errors[0].path).toMatch(/^query\./);
    }

    const missing = await call('POST', '/v3/workspaces/no-such-ws/sessions/list', {});
    expect(missing.status).toBe(404);
    expect((await json(missing)).detail).toBe('Workspace no-such-ws not found');
  });
});

describe('PUT …/sessions/{session_id}', () => {
  it('upserts, and each key it is sent leaves the other one untouched', async () => {
    const ws = uniqueId('ws');
    const created = await call('PUT', `/v3/workspaces/${ws}/sessions/s`, { metadata: { a: 1 } });
    expect(created.status).toBe(200);
    expect(await json(created)).toMatchObject({ id: 's', workspace_id: ws, metadata: { a: 1 }, configuration: {} });

    const config = await json(await call('PUT', `/v3/workspaces/${ws}/sessions/s`, { configuration: { dream: { enabled: false } } }));
    expect(config).toMatchObject({ metadata: { a: 1 }, configuration: { dream: { enabled: false } } });

    const meta = await json(await call('PUT', `/v3/workspaces/${ws}/sessions/s`, { metadata: { b: 2 } }));
    expect(meta).toMatchObject({ metadata: { b: 2 }, configuration: { dream: { enabled: false } } });

    const merged = await json(await call('PUT', `/v3/workspaces/${ws}/sessions/s`, { configuration: { summary: { enabled: true } } }));
    expect(merged.configuration).toEqual({ dream: { enabled: false }, summary: { enabled: true } });

    const nothing = await json(await call('PUT', `/v3/workspaces/${ws}/sessions/s`, {}));
    expect(nothing).toEqual(merged);
  });

  it('validates the path ids it may create and the body', async () => {
    const ws = uniqueId('ws');
    const badId = await call('PUT', `/v3/workspaces/${ws}/sessions/bad.id`, { metadata: {} });
    expect(badId.status).toBe(422);
    expect((await json(badId)).errors[0].path).toBe('path.session_id');
    const badBody = await call('PUT', `/v3/workspaces/${ws}/sessions/s`, { configuration: 'x' });
    expect(badBody.status).toBe(422);
    expect((await json(badBody)).errors[0].path).toBe('body.configuration');
    expect((await call('PUT', `/v3/workspaces/${ws}/sessions/s`, '[')).status).toBe(400);
  });

  it('routes PUT and DELETE …/sessions/list to the session named `list`', async () => {
    const ws = uniqueId('ws');
    const put = await call('PUT', `/v3/workspaces/${ws}/sessions/list`, { metadata: { named: 'list' } });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ id: 'list', metadata: { named: 'list' } });
    const listed = await json(await call('POST', `/v3/workspaces/${ws}/sessions/list`, {}));
    expect(listed.items.map((s: Json) => s.id)).toEqual(['list']);
    expect((await call('DELETE', `/v3/workspaces/${ws}/sessions/list`)).status).toBe(202);
    expect((await call('DELETE', `/v3/workspaces/${ws}/sessions/list`)).status).toBe(404);
  });
});

describe('DELETE …/sessions/{session_id}', () => {
  it('removes the session with its messages, memberships and derived conclusions; the id is reusable', async () => {
    const ws = uniqueId('ws');
    await createSession(ws, { id: 'gone', peers: { alice: {}, bob: {} } });
    await createSession(ws, { id: 'kept', peers: { alice: {} } });
    const [m1, m2] = await insertMessages(ws, 'gone', [
      { peer: 'alice', content: 'I live in Lisbon' },
      { peer: 'bob', content: 'Nice' },
    ]);
    const [k1] = await insertMessages(ws, 'kept', [{ peer: 'alice', content: 'I like tea' }]);
    const onlyGone = await insertConclusion(ws, 'gone', 'alice', [m1!, m2!]);
    const mixed = await insertConclusion(ws, 'gone', 'alice', [m1!, k1!]);

    const response = await call('DELETE', `/v3/workspaces/${ws}/sessions/gone`);
    expect(response.status).toBe(202);
    expect(await json(response)).toEqual({ message: 'Session deleted successfully' });

    const db = getDb();
    expect(await db.message.count({ where: { id: { in: [m1!, m2!] } } })).toBe(0);
    expect(await db.conclusion.findUnique({ where: { id: onlyGone } })).toBeNull();
    expect(await db.conclusion.findUnique({ where: { id: mixed } })).not.toBeNull();
    expect(await db.message.count({ where: { id: k1! } })).toBe(1);
    expect(await sessionRow(ws, 'gone')).toBeNull();
    const listed = await json(await call('POST', `/v3/workspaces/${ws}/sessions/list`, {}));
    expect(listed.items.map((s: Json) => s.id)).toEqual(['kept']);

    expect((await call('DELETE', `/v3/workspaces/${ws}/sessions/gone`)).status).toBe(404);
    const reborn = await createSession(ws, { id: 'gone' });
    expect(reborn.status).toBe(201);
    expect(await json(reborn)).toMatchObject({ id: 'gone', metadata: {} });
    const row = await sessionRow(ws, 'gone');
    expect(await db.message.count({ where: { sessionId: row!.id } })).toBe(0);
    expect(await db.sessionPeer.count({ where: { sessionId: row!.id } })).toBe(0);
    expect((await json(await call('GET', `/v3/workspaces/${ws}/sessions/gone/peers`))).items).toEqual([]);
  });

  it('answers 404 with a readable detail for unknown workspaces and sessions', async () => {
    const ws = uniqueId('ws');
    await createSession(ws, { id: 's' });
    const missing = await call('DELETE', `/v3/workspaces/${ws}/sessions/nope`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ detail: `Session nope not found in workspace ${ws}` });
    const noWorkspace = await call('DELETE', '/v3/workspaces/nowhere/sessions/s');
    expect(noWorkspace.status).toBe(404);
    expect(await json(noWorkspace)).toEqual({ detail: 'Workspace nowhere not found' });
  });
});

describe('POST …/sessions/{session_id}/clone', () => {
  async function seeded() {
    const ws = uniqueId('ws');
    await createSession(ws, {
      id: 'src',
      metadata: { topic: 'travel' },
      configuration: { reasoning: { enabled: false } },
      peers: { alice: { observe_others: true }, bob: { observe_me: false } },
    });
    await call('DELETE', `/v3/workspaces/${ws}/sessions/src/peers`, ['bob']);
    const ids = await insertMessages(ws, 'src', [
      { peer: 'alice', content: 'one', metadata: { i: 1 } },
      { peer: 'bob', content: 'two', metadata: { i: 2 } },
      { peer: 'alice', content: 'three', metadata: { i: 3 } },
    ]);
    return { ws, ids };
  }

  async function messagesOf(ws: string, session: string) {
    const row = await sessionRow(ws, session);
    return getDb().message.findMany({ where: { sessionId: row!.id }, orderBy: { seq: 'asc' }, include: { peer: true } });
  }

  it('copies the whole session under a new nanoid id', async () => {
    const { ws, ids } = await seeded();
    const before = Date.now();
    const response = await call('POST', `/v3/workspaces/${ws}/sessions/src/clone`);
    expect(response.status).toBe(201);
    const clone = await json(response);
    expect(clone).toMatchObject({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{21}$/),
      workspace_id: ws,
      is_active: true,
      metadata: { topic: 'travel' },
      configuration: { reasoning: { enabled: false } },
    });

    const copies = await messagesOf(ws, clone.id);
    expect(copies.map((m) => [m.seq, m.content, m.peer.name, m.metadata, m.tokenCount])).toEqual([
      [1, 'one', 'alice', { i: 1 }, 4],
      [2, 'two', 'bob', { i: 2 }, 4],
      [3, 'three', 'alice', { i: 3 }, 6],
    ]);
    for (const copy of copies) {
      expect(ids).not.toContain(copy.id);
      expect(copy.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
      expect(copy.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    expect((await sessionRow(ws, clone.id))!.lastSeq).toBe(3);

    const members = await json(await call('GET', `/v3/workspaces/${ws}/sessions/${clone.id}/peers`));
    expect(members.items.map((p: Json) => p.id)).toEqual(['alice']);
    expect(await json(await call('GET', `/v3/workspaces/${ws}/sessions/${clone.id}/peers/alice/config`))).toEqual({
      observe_me: null,
      observe_others: true,
    });
    expect(await json(await call('GET', `/v3/workspaces/${ws}/sessions/${clone.id}/peers/bob/config`))).toEqual({
      observe_me: false,
      observe_others: null,
    });
    // The source is untouched.
    expect((await messagesOf(ws, 'src')).map((m) => m.id)).toEqual(ids);
  });

  it('copies up to and including message_id', async () => {
    const { ws, ids } = await seeded();
    const response = await call('POST', `/v3/workspaces/${ws}/sessions/src/clone?message_id=${ids[1]}`);
    expect(response.status).toBe(201);
    const clone = await json(response);
    expect((await messagesOf(ws, clone.id)).map((m) => [m.seq, m.content])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
  });

  it('answers 404 for an unknown source, a message of another session, and another workspace', async () => {
    const { ws, ids } = await seeded();
    await createSession(ws, { id: 'other' });
    const [foreign] = await insertMessages(ws, 'other', [{ peer: 'carol', content: 'elsewhere' }]);

    const unknown = await call('POST', `/v3/workspaces/${ws}/sessions/nope/clone`);
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).detail).toBe(`Session nope not found in workspace ${ws}`);

    const wrongMessage = await call('POST', `/v3/workspaces/${ws}/sessions/src/clone?message_id=${foreign}`);
    expect(wrongMessage.status).toBe(404);
    expect((await json(wrongMessage)).detail).toBe(`Message ${foreign} not found in session src`);
    expect((await call('POST', `/v3/workspaces/${ws}/sessions/src/clone?message_id=nonexistent`)).status).toBe(404);

    const otherWs = uniqueId('ws');
    await createSession(otherWs, { id: 'src' });
    const crossWorkspace = await call('POST', `/v3/workspaces/${otherWs}/sessions/src/clone?message_id=${ids[0]}`);
    expect(crossWorkspace.status).toBe(404);
    expect((await call('POST', '/v3/workspaces/nowhere/sessions/src/clone')).status).toBe(404);

    const listed = await json(await call('POST', `/v3/workspaces/${ws}/sessions/list`, {}));
    expect(listed.total).toBe(2);
  });
});

// Conclusions over raw HTTP (docs/api.md#s3-9, #s1-10, #s2-4): create (and the legacy `observations` key), list with
// filters and pagination, read and delete — with every unhappy path: 422 bounds, 404 for unknown workspace, peers,
// session and ids, wrong workspace, malformed JSON — and an embedder failure that defers embedding instead of losing
// the write.
import { MockEmbeddingModelV3 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { createModelEngines, setModelEnginesForTesting } from '@/server/models';
import { countTokens } from '@/server/services/messages/count-tokens';
import { writeConclusions } from '@/server/services/conclusions/write-conclusions';
import { call } from '../support/app-fetch';
import { invalid, json } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { createSession, expectOk, runWorker, unique, type Json } from '../reasoning/reasoning-fixtures';

provideTestDatabase();
process.env.AUTH_DISABLED = 'true';

const base = (ws: string) => `/v3/workspaces/${ws}/conclusions`;

async function tenant() {
  const ws = unique('cws');
  await createSession(ws, 's1', { alice: {}, bob: {} });
  await createSession(ws, 's2', { alice: {} });
  return ws;
}

async function create(ws: string, conclusions: Json[], key = 'conclusions'): Promise<Json[]> {
  return (await expectOk(await call('POST', base(ws), { [key]: conclusions }), 201)) as unknown as Json[];
}

const fact = (content: string, extra: Json = {}) => ({ content, observer_id: 'alice', observed_id: 'alice', ...extra });

afterEach(() => setModelEnginesForTesting(null));

describe('POST …/conclusions', () => {
  it('stores explicit, api-origin conclusions with an embedding and answers 201 with a bare array in input order', async () => {
    const ws = await tenant();
    const response = await call('POST', base(ws), {
      conclusions: [fact('alice likes tea', { session_id: 's1' }), fact('alice \u0000has a cat', { observed_id: 'bob' })],
    });
    expect(response.status).toBe(201);
    const body = (await json(response)) as Json[];
    expect(body.map((c) => c.content)).toEqual(['alice likes tea', 'alice has a cat']);
    expect(body[0]).toMatchObject({ observer_id: 'alice', observed_id: 'alice', session_id: 's1', level: 'explicit', source_ids: [], times_derived: 1 });
    expect(body[1]).toMatchObject({ observed_id: 'bob', session_id: null });
    for (const c of body) {
      expect(c.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
      expect(new Date(c.created_at).toISOString()).toBe(c.created_at);
    }
    const rows = await getDb().conclusion.findMany({ where: { id: { in: body.map((c) => c.id) } }, include: { embedding: true } });
    expect(rows.every((r) => r.origin === 'api' && r.embedding !== null && r.tokenCount === countTokens(r.content))).toBe(true);
  });

  it('accepts the legacy `observations` key and never de-duplicates', async () => {
    const ws = await tenant();
    const first = await create(ws, [fact('alice is a nurse'), fact('alice is a nurse')], 'observations');
    expect(new Set(first.map((c) => c.id)).size).toBe(2);
    expect(first.every((c) => c.times_derived === 1)).toBe(true);
  });

  it('answers 422 for bounds and shapes', async () => {
    const ws = await tenant();
    const tooManyTokens = Array.from({ length: 9_000 }, (_, i) => `w${i}`).join(' ');
    expect(tooManyTokens.length).toBeLessThanOrEqual(65_535);
    expect(countTokens(tooManyTokens)).toBeGreaterThan(8_192);
    const cases: [unknown, string][] = [
      [{ conclusions: [] }, 'body.conclusions'],
      [{ conclusions: Array.from({ length: 101 }, () => fact('x')) }, 'body.conclusions'],
      [{ conclusions: [fact('')] }, 'body.conclusions[0].content'],
      [{ conclusions: [fact('\u0000')] }, 'body.conclusions[0].content'],
      [{ conclusions: [fact('x'.repeat(65_536))] }, 'body.conclusions[0].content'],
      [{ conclusions: [fact(tooManyTokens)] }, 'body.conclusions[0].content'],
      [{ conclusions: [{ content: 'x', observer_id: 'alice' }] }, 'body.conclusions[0].observed_id'],
      [{ conclusions: [fact('x', { observed_id: 'scope.team' })] }, 'body.conclusions[0].observed_id'],
      [{ conclusions: [fact('x', { session_id: 'bad id' })] }, 'body.conclusions[0].session_id'],
      [{}, 'body.conclusions'],
      [{ conclusions: 'nope' }, 'body.conclusions'],
    ];
    for (const [body, path] of cases) expect(await invalid(await call('POST', base(ws), body)), JSON.stringify(body).slice(0, 80)).toContain(path);
    expect(await invalid(await call('POST', base(ws)))).toEqual(['body']);
    // A 65,535-character conclusion within the token limit is fine.
    const longest = '-'.repeat(65_535);
    expect(countTokens(longest)).toBeLessThanOrEqual(8_192);
    expect((await create(ws, [fact(longest)]))[0]!.content).toBe(longest);
    expect(await getDb().conclusion.count({ where: { workspace: { name: ws } } })).toBe(1);
  });

  it('answers 404 for an unknown workspace, peer or session, and 400 for malformed JSON', async () => {
    const ws = await tenant();
    const other = await tenant();
    const detail = async (path: string, body: unknown) => {
      const response = await call('POST', path, body);
      expect(response.status).toBe(404);
      return (await json(response)).detail as string;
    };
    expect(await detail(base(unique('nows')), { conclusions: [fact('x')] })).toMatch(/not found/);
    expect(await detail(base(ws), { conclusions: [fact('x', { observed_id: 'carol' })] })).toBe('Peer carol not found');
    expect(await detail(base(ws), { conclusions: [fact('x', { observer_id: 'zed' })] })).toBe('Peer zed not found');
    expect(await detail(base(ws), { conclusions: [fact('x', { session_id: 'nope' })] })).toBe(`Session nope not found in workspace ${ws}`);
    // Nothing of a rejected batch is stored, even when its first item was fine.
    await detail(base(ws), { conclusions: [fact('fine'), fact('x', { session_id: 'nope' })] });
    await call('DELETE', `/v3/workspaces/${other}/sessions/s2`);
    expect(await detail(base(other), { conclusions: [fact('x', { session_id: 's2' })] })).toMatch(/Session s2 not found/);
    expect(await getDb().conclusion.count({ where: { workspace: { name: { in: [ws, other] } } } })).toBe(0);

    const malformed = await call('POST', base(ws), '{"conclusions": [');
    expect(malformed.status).toBe(400);
    expect(await json(malformed)).toEqual({ detail: 'Malformed JSON body' });
  });

  it('still stores the conclusions when the embedder fails, and records work to embed them later', async () => {
    const ws = await tenant();
    const failing = new MockEmbeddingModelV3({
      provider: 'mock',
      modelId: 'down',
      doEmbed: async () => {
        throw new Error('embedding provider unreachable');
      },
    });
    setModelEnginesForTesting(createModelEngines({ embeddingModel: failing }));
    const [stored] = await create(ws, [fact('alice plays the cello')]);
    expect(failing.doEmbedCalls.length).toBeGreaterThan(0);
    const row = await getDb().conclusion.findUniqueOrThrow({ where: { id: stored!.id }, include: { embedding: true } });
    expect(row.embedding).toBeNull();
    const items = await getDb().workItem.findMany({ where: { workspace: { name: ws }, kind: 'embedding' } });
    expect(items.map((i) => i.payload)).toEqual([{ conclusion_ids: [stored!.id] }]);
    expect(items[0]!.status).toBe('pending');

    // Once the embedder works again, the background pass embeds it.
    setModelEnginesForTesting(null);
    await runWorker();
    const embedded = await getDb().conclusionEmbedding.findUniqueOrThrow({ where: { conclusionId: stored!.id } });
    expect(embedded.model).toMatch(/^local:/);
    expect((await getDb().workItem.findUniqueOrThrow({ where: { id: items[0]!.id } })).status).toBe('completed');
  });
});

describe('POST …/conclusions/list', () => {
  it('pages newest first, reverses, filters per docs/api.md#s2-4 and never shows deleted conclusions', async () => {
    const ws = await tenant();
    const made: Json[] = [];
    for (const [content, extra] of [
      ['alice likes tea', { session_id: 's1' }],
      ['bob is tall', { observed_id: 'bob', session_id: 's1' }],
      ['alice moved to Lisbon', { session_id: 's2' }],
      ['bob knows alice sings', { observer_id: 'bob' }],
    ] as const) made.push(...(await create(ws, [fact(content, extra)])));
    const list = async (body?: unknown, query = '') => expectOk(await call('POST', `${base(ws)}/list${query}`, body), 200);

    const all = await list();
    expect(all).toMatchObject({ total: 4, page: 1, size: 50, pages: 1 });
    expect(all.items.map((c: Json) => c.content)).toEqual(made.map((c) => c.content).reverse());
    expect((await list({}, '?reverse=true')).items.map((c: Json) => c.id)).toEqual(made.map((c) => c.id));
    const page2 = await list({ filters: null }, '?page=2&size=3');
    expect(page2).toMatchObject({ total: 4, page: 2, size: 3, pages: 2 });
    expect(page2.items.map((c: Json) => c.id)).toEqual([made[0]!.id]);
    expect((await list({}, '?page=9')).items).toEqual([]);

    const contents = async (filters: unknown) => (await list({ filters })).items.map((c: Json) => c.content).sort();
    expect(await contents({ observer_id: 'alice', observed_id: 'alice' })).toEqual(['alice likes tea', 'alice moved to Lisbon']);
    expect(await contents({ observer: 'bob', observed: 'alice' })).toEqual(['bob knows alice sings']);
    expect(await contents({ session_id: 's1' })).toEqual(['alice likes tea', 'bob is tall']);
    expect(await contents({ session_name: null })).toEqual(['bob knows alice sings']);
    expect(await contents({ level: 'explicit', content: { icontains: 'LISBON' } })).toEqual(['alice moved to Lisbon']);
    expect(await contents({ id: made[1]!.id })).toEqual(['bob is tall']);
    expect(await contents({ workspace_id: ws, times_derived: { gte: 2 } })).toEqual([]);
    expect(await contents({ OR: [{ observed_id: 'bob' }, { session_id: 's2' }] })).toEqual(['alice moved to Lisbon', 'bob is tall']);

    // Filter errors are 422 with paths into the filter.
    expect(await invalid(await call('POST', `${base(ws)}/list`, { filters: { peer_id: 'alice' } }))).toEqual(['body.filters.peer_id']);
    expect(await invalid(await call('POST', `${base(ws)}/list`, { filters: { level: 'bogus' } }))).toEqual(['body.filters.level']);
    expect(await invalid(await call('POST', `${base(ws)}/list`, { filters: [] }))).toEqual(['body.filters']);
    expect(await invalid(await call('POST', `${base(ws)}/list?size=101`, {}))).toEqual(['query.size']);
    expect((await call('POST', `${base(ws)}/list`, '{')).status).toBe(400);

    await expectOk(await call('DELETE', `${base(ws)}/${made[0]!.id}`), 204);
    expect((await list()).items.map((c: Json) => c.id)).not.toContain(made[0]!.id);
    // Another workspace sees none of it; an unknown workspace is an empty page.
    expect((await expectOk(await call('POST', `${base(await tenant())}/list`), 200)).total).toBe(0);
    expect(await expectOk(await call('POST', `${base(unique('nows'))}/list`), 200)).toEqual({ items: [], total: 0, page: 1, size: 50, pages: 0 });
  });

  it('filters derived conclusions by source_ids and by provenance metadata', async () => {
    const ws = await tenant();
    const [premise] = await create(ws, [fact('alice moved to Lisbon')]);
    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
    const alice = await db.peer.findFirstOrThrow({ where: { workspaceId: workspace.id, name: 'alice' } });
    const [deduced] = await db.$transaction((tx) =>
      writeConclusions(tx, workspace.id, [{
        observerId: alice.id, observedId: alice.id, sessionId: null, level: 'deductive', origin: 'dream',
        content: 'alice lives in Portugal', sourceIds: [premise!.id], provenance: { premises: ['alice moved to Lisbon'] }, embedding: null,
      }], { dedupe: true }),
    );
    const ids = async (filters: unknown) =>
      (await expectOk(await call('POST', `${base(ws)}/list`, { filters }), 200)).items.map((c: Json) => c.id);
    expect(await ids({ source_ids: { contains: premise!.id } })).toEqual([deduced!.id]);
    expect(await ids({ metadata: { premises: ['alice moved to Lisbon'] } })).toEqual([deduced!.id]);
    expect(await ids({ level: 'deductive' })).toEqual([deduced!.id]);
    const got = await expectOk(await call('GET', `${base(ws)}/${deduced!.id}`), 200);
    expect(got).toMatchObject({ level: 'deductive', source_ids: [premise!.id], session_id: null });
  });
});

describe('GET and DELETE …/conclusions/{id}', () => {
  it('reads one conclusion, deletes it with its embedding, and answers 404 afterwards and across workspaces', async () => {
    const ws = await tenant();
    const other = await tenant();
    const [made] = await create(ws, [fact('alice likes tea', { session_id: 's1' })]);
    const path = `${base(ws)}/${made!.id}`;
    expect(await expectOk(await call('GET', path), 200)).toEqual(made);
    expect((await call('GET', `${base(other)}/${made!.id}`)).status).toBe(404);
    expect((await call('DELETE', `${base(other)}/${made!.id}`)).status).toBe(404);

    const deleted = await call('DELETE', path);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect(await getDb().conclusionEmbedding.count({ where: { conclusionId: made!.id } })).toBe(0);
    const missing = await call('GET', path);
    expect(missing.status).toBe(404);
    expect((await json(missing)).detail).toBe(`Conclusion with ID ${made!.id} not found`);
    expect((await call('DELETE', path)).status).toBe(404);
    // `list` is a conclusion id for GET and DELETE (static segments win only for their own methods).
    expect((await call('GET', `${base(ws)}/list`)).status).toBe(404);
    expect((await call('DELETE', `${base(ws)}/list`)).status).toBe(404);
  });
});

// Message search over HTTP (docs/api.md#s3-8): the three routes, forced keys, filters, hybrid ranking that finds
// exact rare tokens, numbers and names the vector leg misses, deletion and tenant isolation, and every 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { nearestByCosine } from '@/server/db/vector-search';
import { createModelEngines, setModelEnginesForTesting, type Embedder } from '@/server/models';
import { call } from '../support/app-fetch';
import { invalid, json, uniqueId } from '../support/http-assertions';
import { provideTestDatabase, TEST_EMBEDDING_DIMENSIONS } from '../support/test-database';
import { addMessages, drainEmbeddings } from './retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

const RARE = ['XJ-9000-omega', '4417', 'Bartholomew'];

/**
 * Adversarial vectors: messages holding a rare token point one way, everything else (queries too) the other. The
 * `local:` prefix gives it the fusion weight of the offline default embedder (search-message-rows.ts).
 */
const misleading: Embedder = {
  engine: 'local:test-misleading',
  dimensions: TEST_EMBEDDING_DIMENSIONS,
  maxInputTokens: 64,
  async embed(texts) {
    return texts.map((t) => {
      const v = Array.from({ length: TEST_EMBEDDING_DIMENSIONS }, () => 0.01);
      v[RARE.some((r) => t.includes(r)) && t.length > 20 ? 1 : 0] = 1;
      return v;
    });
  },
};

let ws: string;
const filler = Array.from({ length: 30 }, (_, i) => `We chatted about the weather and plans number ${i} for the weekend trip`);

beforeAll(async () => {
  setModelEnginesForTesting({ ...createModelEngines(), embedder: misleading });
  ws = uniqueId('search');
  await addMessages(ws, 's1', filler.slice(0, 15).map((content) => ({ peer_id: 'alice', content })));
  await addMessages(ws, 's2', [
    { peer_id: 'bob', content: 'The serial on the box reads XJ-9000-omega, keep it safe' },
    { peer_id: 'bob', content: 'My locker code is 4417 and nobody else knows it' },
  ]);
  // alice joins s2 only now, so the two messages above were written before she could see them.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await addMessages(ws, 's2', [
    { peer_id: 'alice', content: 'Bartholomew is the name of my grandfather' },
    ...filler.slice(15).map((content) => ({ peer_id: 'bob', content, metadata: { topic: 'weather' } })),
  ]);
  await drainEmbeddings();
});
afterAll(() => setModelEnginesForTesting(null));

const search = (path: string, body: unknown) => call('POST', `/v3/workspaces/${ws}${path}`, body);

describe('message search', () => {
  it('embeds every message through the embedding handler', async () => {
    const count = await getDb().messageEmbedding.count({ where: { workspace: { name: ws } } });
    expect(count).toBe(33);
  });

  it.each([
    ['an exact rare token', 'XJ-9000-omega', 'The serial on the box reads XJ-9000-omega, keep it safe'],
    ['a number', 'what is 4417', 'My locker code is 4417 and nobody else knows it'],
    ['a name', 'Who is Bartholomew?', 'Bartholomew is the name of my grandfather'],
  ])('finds %s that the vectors alone miss', async (_, query, expected) => {
    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
    const [vector] = await misleading.embed([query]);
    const nearest = await nearestByCosine(db, { target: 'messages', workspaceId: workspace.id, embedding: vector!, limit: 5 });
    const contents = await db.message.findMany({ where: { id: { in: nearest.map((n) => n.id) } }, select: { content: true } });
    expect(contents.map((c) => c.content)).not.toContain(expected);

    const response = await search('/search', { query, limit: 5 });
    expect(response.status).toBe(200);
    const results = await json(response);
    expect(Array.isArray(results)).toBe(true);
    expect(results.slice(0, 2).map((m: { content: string }) => m.content)).toContain(expected);
    expect(results.length).toBeLessThanOrEqual(5);
    expect(new Set(results.map((m: { id: string }) => m.id)).size).toBe(results.length);
  });

  it('session search is confined to the session, peer search to the author, whatever the filters say', async () => {
    const inSession = await json(await search('/sessions/s1/search', { query: 'XJ-9000-omega weekend', filters: { session_id: 's2' } }));
    expect(inSession.length).toBeGreaterThan(0);
    expect(inSession.every((m: { session_id: string }) => m.session_id === 's1')).toBe(true);
    const byAlice = await json(await search('/peers/alice/search', { query: 'locker code 4417 Bartholomew', filters: { peer_id: 'bob' }, limit: 100 }));
    expect(byAlice.map((m: { content: string }) => m.content)).toContain('Bartholomew is the name of my grandfather');
    expect(byAlice.every((m: { peer_id: string }) => m.peer_id === 'alice')).toBe(true);
  });

  it('applies message filters (metadata, peer_id, session_id) on the workspace route', async () => {
    const weather = await json(await search('/search', { query: 'weekend', filters: { metadata: { topic: 'weather' } }, limit: 100 }));
    expect(weather).toHaveLength(15);
    const bob = await json(await search('/search', { query: 'weekend', filters: { peer_id: 'bob', session_id: 's2' }, limit: 100 }));
    expect(bob.every((m: { peer_id: string; session_id: string }) => m.peer_id === 'bob' && m.session_id === 's2')).toBe(true);
  });

  it('an empty query lists the most recent matching messages; limit defaults to 10', async () => {
    const recent = await json(await search('/search', { query: '' }));
    expect(recent).toHaveLength(10);
    const times = recent.map((m: { created_at: string }) => Date.parse(m.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('credits the turns around a lexical hit: the answer that shares no word with the question ranks high', async () => {
    await addMessages(ws, 'qa', [
      { peer_id: 'bob', content: 'Filler chatter about nothing much' },
      { peer_id: 'bob', content: 'Which instrument did you take up at the conservatory?' },
      { peer_id: 'alice', content: 'The cello, three years ago' },
      { peer_id: 'bob', content: 'More filler chatter' },
    ]);
    const results = await json(await search('/sessions/qa/search', { query: 'conservatory instrument', limit: 3 }));
    expect(results.map((m: { content: string }) => m.content).slice(0, 2)).toEqual([
      'Which instrument did you take up at the conservatory?',
      'The cello, three years ago',
    ]);
  });

  it('strips NUL from the query', async () => {
    const results = await json(await search('/search', { query: 'XJ-9000\u0000-omega', limit: 1 }));
    expect(results[0].content).toContain('XJ-9000-omega');
  });

  it('never returns another workspace’s messages, and an unknown workspace, session or peer yields []', async () => {
    const other = uniqueId('search-other');
    await addMessages(other, 's1', [{ peer_id: 'alice', content: 'XJ-9000-omega in another tenant' }]);
    const mine = await json(await search('/search', { query: 'XJ-9000-omega tenant', limit: 100 }));
    expect(mine.every((m: { workspace_id: string }) => m.workspace_id === ws)).toBe(true);
    expect(await json(await call('POST', `/v3/workspaces/${uniqueId('none')}/search`, { query: 'x' }))).toEqual([]);
    expect(await json(await search('/sessions/nope/search', { query: 'weekend' }))).toEqual([]);
    expect(await json(await search('/peers/nobody/search', { query: 'weekend' }))).toEqual([]);
  });

  it('never returns a deleted message', async () => {
    const [id] = await addMessages(ws, 's3', [{ peer_id: 'carol', content: 'zanzibarquux ephemeral' }]);
    expect((await json(await search('/search', { query: 'zanzibarquux' })))[0].id).toBe(id);
    expect((await call('DELETE', `/v3/workspaces/${ws}/sessions/s3/messages/${id}`)).status).toBe(204);
    const after = await json(await search('/search', { query: 'zanzibarquux', limit: 100 }));
    expect(after.map((m: { id: string }) => m.id)).not.toContain(id);
  });

  it('peer_perspective limits results to what the peer could see', async () => {
    const seen = await json(await search('/search', { query: 'weekend XJ-9000-omega', filters: { peer_perspective: 'alice' }, limit: 100 }));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((m: { content: string }) => m.content)).not.toContain('The serial on the box reads XJ-9000-omega, keep it safe');
    expect(await json(await search('/search', { query: 'weekend', filters: { peer_perspective: 'nobody' } }))).toEqual([]);
  });
});

describe('message search: bad input', () => {
  it('422 for a query over 8,192 tokens, a bad limit, a missing query, bad filters and bad scope use; 404 for an unknown scope', async () => {
    expect(await invalid(await search('/search', { query: 'word '.repeat(9000) }))).toEqual(['body.query']);
    expect(await invalid(await search('/search', { query: 'x', limit: 0 }))).toEqual(['body.limit']);
    expect(await invalid(await search('/search', { query: 'x', limit: 101 }))).toEqual(['body.limit']);
    expect(await invalid(await search('/sessions/s1/search', {}))).toEqual(['body.query']);
    expect(await invalid(await search('/peers/alice/search', { query: 'x', filters: { id: 'm' } }))).toEqual(['body.filters.id']);
    expect(await invalid(await search('/search', { query: 'x', filters: { peer_perspective: 5 } }))).toEqual(['body.filters.peer_perspective']);
    expect(await invalid(await search('/search', { query: 'x', scope: 'scope.team' }))).toEqual(['body.scope']);
    const clash = await search('/search', { query: 'x', scope: 'team', filters: { session_id: 's1' } });
    expect(await invalid(clash.clone())).toEqual(['body.scope']);
    expect((await clash.json()).detail).toContain('session_id');
    expect((await search('/search', { query: 'x', scope: 'team' })).status).toBe(404);
  });

  it('400 for malformed JSON, 415 for another media type, 422 for a missing body', async () => {
    expect((await call('POST', `/v3/workspaces/${ws}/search`, '{"query":')).status).toBe(400);
    expect((await call('POST', `/v3/workspaces/${ws}/search`, 'query=x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/search`))).toEqual(['body']);
  });
});

// The vector leg of message search when the lexical leg already decides the results (search-message-rows.ts): with a
// low-weight embedder it only orders the lexical candidates by exact distance (distancesOf), and it still searches the
// workspace when the lexical leg found too little. distancesOf agrees with nearestByCosine on both storages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { distanceColumn, distancesOf, nearestByCosine } from '@/server/db/vector-search';
import { createModelEngines, setModelEnginesForTesting, type Embedder } from '@/server/models';
import { rankLexically } from '@/server/services/search/lexical-rank';
import { INLINE_FEEDBACK } from '@/server/services/search/relevance-feedback';
import { lexicalDecides, messageScope, searchMessageRows } from '@/server/services/search/search-message-rows';
import { call } from '../support/app-fetch';
import { json, uniqueId } from '../support/http-assertions';
import { provideTestDatabase, TEST_EMBEDDING_DIMENSIONS } from '../support/test-database';
import { addMessages, drainEmbeddings, internalIds } from './retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

const TOPICS = [/sea|beach|surf|coast/i, /mountain|hik|trail|summit/i];

/**
 * Topic vectors: one axis per topic above, a third for everything else; the second topic also points away from the
 * first, so its messages are the farthest from a question about the first. `local:` gives it the offline weight (0.1).
 */
const topical: Embedder = {
  engine: 'local:test-topics',
  dimensions: TEST_EMBEDDING_DIMENSIONS,
  maxInputTokens: 64,
  async embed(texts) {
    return texts.map((t) => {
      const v = Array.from({ length: TEST_EMBEDDING_DIMENSIONS }, () => 0.01);
      const topic = TOPICS.findIndex((pattern) => pattern.test(t));
      v[topic === -1 ? 2 : topic] = 1;
      if (topic === 1) v[0] = -0.5;
      return v;
    });
  },
};

let ws: string;
let other: string;

beforeAll(async () => {
  setModelEnginesForTesting({ ...createModelEngines(), embedder: topical });
  ws = uniqueId('vector-leg');
  other = uniqueId('vector-leg-other');
  // Equal for BM25 on "weekend" (same length, one query word each), in sessions of their own (no neighbour credit):
  // the later one wins the lexical tie by recency.
  await addMessages(ws, 's1', [{ peer_id: 'alice', content: 'weekend at the beach', created_at: '2026-01-01T10:00:00Z' }]);
  await addMessages(ws, 's2', [{ peer_id: 'alice', content: 'weekend at the trail', created_at: '2026-01-01T10:01:00Z' }]);
  // Twelve weaker lexical hits, one per session too, so the lexical leg alone fills any limit up to 14. Apart from
  // "weekend" they share no word, so relevance feedback (relevance-feedback.ts) finds nothing to expand the query with.
  for (let i = 0; i < 12; i += 1) {
    const chores = Array.from({ length: 8 }, (_, k) => `chore${i}x${k}`).join(' ');
    await addMessages(ws, `chores-${i}`, [{ peer_id: 'bob', content: `weekend ${chores}`, created_at: `2026-01-02T10:${String(i).padStart(2, '0')}:00Z` }]);
  }
  await addMessages(ws, 's4', [{ peer_id: 'bob', content: 'We went surfing on the coast', created_at: '2026-01-03T10:00:00Z' }]);
  await addMessages(other, 's1', [{ peer_id: 'carol', content: 'weekend at the beach', created_at: '2026-01-01T10:00:00Z' }]);
  await drainEmbeddings();
});
afterAll(() => setModelEnginesForTesting(null));

const search = (body: unknown) => call('POST', `/v3/workspaces/${ws}/search`, body);

describe('lexicalDecides', () => {
  it('holds only when the lexical leg filled the limit and the vector leg’s first place scores below its last', () => {
    expect(lexicalDecides(10, 10, 0.1)).toBe(true);
    expect(lexicalDecides(40, 10, 0.1)).toBe(true);
    expect(lexicalDecides(9, 10, 0.1)).toBe(false);
    expect(lexicalDecides(0, 1, 0.1)).toBe(false);
    expect(lexicalDecides(40, 10, 1)).toBe(false);
    expect(lexicalDecides(600, 600, 0.1)).toBe(false);
  });
});

describe('vector leg', () => {
  it('distancesOf gives the distances nearestByCosine gives, nearest first, only for the workspace’s own messages', async () => {
    const db = getDb();
    const { workspaceId } = await internalIds(ws);
    const { workspaceId: otherId } = await internalIds(other);
    const [query] = await topical.embed(['a day by the sea']);
    const nearest = await nearestByCosine(db, { target: 'messages', workspaceId, embedding: query!, limit: 100 });
    expect(nearest).toHaveLength(15);
    const foreign = await db.message.findFirstOrThrow({ where: { workspaceId: otherId }, select: { id: true } });
    const ids = [...nearest.map((n) => n.id)].reverse();
    const exact = await distancesOf(db, { target: 'messages', workspaceId, embedding: query!, ids: [...ids, foreign.id, 'no-such-id'] });
    expect(exact.map((h) => h.id)).toEqual(nearest.map((n) => n.id));
    exact.forEach((h, i) => expect(h.distance).toBeCloseTo(nearest[i]!.distance, 6));
    expect(await distancesOf(db, { target: 'messages', workspaceId, embedding: query!, ids: [] })).toEqual([]);
  });

  it('reads, in the lexical statement, the distances distancesOf gives, for exactly the credited lexical candidates', async () => {
    const db = getDb();
    const { workspaceId } = await internalIds(ws);
    const [query] = await topical.embed(['a weekend by the sea']);
    const where = messageScope({ workspaceId });
    const options = { target: 'messages' as const, workspaceId, where, query: 'a weekend by the sea', limit: 10, feedback: INLINE_FEEDBACK };
    const legs = await rankLexically(db, { ...options, distance: await distanceColumn(db, { target: 'messages', workspaceId, embedding: query! }) });
    expect(legs.ranked).toHaveLength(10);
    expect([...legs.distances!.keys()].sort()).toEqual([...legs.ranked].sort());
    const exact = await distancesOf(db, { target: 'messages', workspaceId, embedding: query!, ids: legs.ranked });
    expect(exact).toHaveLength(10);
    for (const hit of exact) expect(legs.distances!.get(hit.id)).toBeCloseTo(hit.distance, 6);
    // The same ranking as without the column: the distance rows are not lexical rows.
    const plain = await rankLexically(db, options);
    expect(legs.ranked).toEqual(plain.ranked);
    expect(legs.rows).toEqual(plain.rows);
  });

  it('orders a lexical tie by vector distance when the lexical leg decides the results', async () => {
    const contents = async () => (await json(await search({ query: 'weekend by the sea', limit: 5 }))).map((m: { content: string }) => m.content);
    setModelEnginesForTesting({ ...createModelEngines(), embedder: { ...topical, embed: async () => { throw new Error('no vectors'); } } });
    const lexicalOnly = await contents();
    setModelEnginesForTesting({ ...createModelEngines(), embedder: topical });
    expect(lexicalOnly.slice(0, 2)).toEqual(['weekend at the trail', 'weekend at the beach']);
    const results = await contents();
    expect(results).toHaveLength(5);
    expect(results[0]).toBe('weekend at the beach');
    expect(results).not.toContain('We went surfing on the coast');
  });

  it('answers from the lexical legs when the query vector no longer has the stored dimension (a re-embed pending)', async () => {
    const db = getDb();
    const { workspaceId } = await internalIds(ws);
    const short: Embedder = { ...topical, dimensions: 3, embed: async (texts) => texts.map(() => [1, 0, 0]) };
    const failing: Embedder = { ...topical, embed: async () => { throw new Error('no vectors'); } };
    const ids = async (embedder: Embedder) => (await searchMessageRows(db, { workspaceId }, 'weekend by the sea', 5, { embedder })).map((r) => r.id);
    const lexicalOnly = await ids(failing);
    expect(lexicalOnly).toHaveLength(5);
    expect(await ids(short)).toEqual(lexicalOnly);
  });

  it('still searches the workspace for messages sharing no word with the query when the lexical leg found too few', async () => {
    const results = await json(await search({ query: 'seaside', limit: 5 }));
    expect(results.map((m: { content: string }) => m.content)).toEqual(expect.arrayContaining(['We went surfing on the coast', 'weekend at the beach']));
    expect(results.every((m: { workspace_id: string }) => m.workspace_id === ws)).toBe(true);
  });

  it('confines a list of sessions, narrow (a few of many) or wide (most of them), on the full vector leg', async () => {
    const db = getDb();
    const names = ['s1', 's2', 's4', ...Array.from({ length: 12 }, (_, i) => `chores-${i}`)];
    const { workspaceId, sessionIds } = await internalIds(ws, [], names);
    // A provider's weight (1): the vector leg always searches, so a list is ranked scope-first or workspace-first.
    const provider: Embedder = { ...topical, engine: 'test:topics' };
    const search = async (sessions: string[]) => {
      const rows = await searchMessageRows(db, { workspaceId, sessionIds: sessions.map((n) => sessionIds[n]!) }, 'seaside', 20, { embedder: provider });
      return rows.map((r) => r.content);
    };
    expect(await search(['s1', 's2'])).toEqual(['weekend at the beach', 'weekend at the trail']);
    const wide = await search(names.filter((n) => n !== 's4'));
    expect(wide[0]).toBe('weekend at the beach');
    expect(wide).toHaveLength(14);
    expect(wide).not.toContain('We went surfing on the coast');
  });
});

// The search statistics (search_statistics, search_term_statistics) that BM25 reads instead of counting: after every
// kind of write — insert, content update, metadata update, soft delete, supersession, hard delete — they equal what
// counting the live rows gives, per workspace; and another workspace's writes never change a workspace's statistics
// or its search results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { createModelEngines, setModelEnginesForTesting } from '@/server/models';
import { searchMessageRows } from '@/server/services/search/search-message-rows';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { addMessages, insertConclusions, internalIds } from './retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

type Target = 'messages' | 'conclusions';
type Stats = { documents: number; totalLength: number; terms: Record<string, number> };

/** Rows the statistics count, over a table aliased `x`: every message, and conclusions not superseded. */
const LIVE = { messages: 'TRUE', conclusions: 'x.superseded_at IS NULL' } as const;

/** What the triggers maintained. */
async function stored(workspaceId: string, target: Target): Promise<Stats> {
  const db = getDb();
  const [totals] = await db.$queryRawUnsafe<{ d: number; l: number }[]>(
    `SELECT coalesce(sum(documents), 0)::int AS d, coalesce(sum(total_length), 0)::int AS l
     FROM search_statistics WHERE workspace_id = $1 AND target = $2`, workspaceId, target);
  const terms = await db.$queryRawUnsafe<{ lexeme: string; n: number }[]>(
    `SELECT lexeme, sum(documents)::int AS n FROM search_term_statistics WHERE workspace_id = $1 AND target = $2
     GROUP BY lexeme HAVING sum(documents) <> 0`, workspaceId, target);
  return { documents: totals!.d, totalLength: totals!.l, terms: Object.fromEntries(terms.map((t) => [t.lexeme, t.n])) };
}

/** What counting the live rows gives. */
async function counted(workspaceId: string, target: Target): Promise<Stats> {
  const db = getDb();
  const [totals] = await db.$queryRawUnsafe<{ d: number; l: number }[]>(
    `SELECT count(*)::int AS d, coalesce(sum(token_count), 0)::int AS l FROM ${target} x WHERE x.workspace_id = $1 AND ${LIVE[target]}`,
    workspaceId);
  const terms = await db.$queryRawUnsafe<{ lexeme: string; n: number }[]>(
    `SELECT u.lexeme, count(*)::int AS n FROM ${target} x CROSS JOIN LATERAL unnest(x.content_tsv) AS u
     WHERE x.workspace_id = $1 AND ${LIVE[target]} GROUP BY u.lexeme`, workspaceId);
  return { documents: totals!.d, totalLength: totals!.l, terms: Object.fromEntries(terms.map((t) => [t.lexeme, t.n])) };
}

async function expectConsistent(workspaceId: string, target: Target): Promise<Stats> {
  const actual = await stored(workspaceId, target);
  expect(actual).toEqual(await counted(workspaceId, target));
  return actual;
}

let a: string;
let b: string;
let aId: string;
let bId: string;

beforeAll(async () => {
  setModelEnginesForTesting(createModelEngines());
  a = uniqueId('stats-a');
  b = uniqueId('stats-b');
  await addMessages(a, 's1', [
    { peer_id: 'alice', content: 'I adopted a greyhound called Pistachio last spring' },
    { peer_id: 'bob', content: 'Pistachio is a lovely name for a greyhound' },
    { peer_id: 'alice', content: 'We walk along the canal every morning' },
  ]);
  await addMessages(b, 's1', [{ peer_id: 'carol', content: 'Nothing about dogs here, only sourdough baking' }]);
  aId = (await internalIds(a)).workspaceId;
  bId = (await internalIds(b)).workspaceId;
});

afterAll(() => setModelEnginesForTesting(null));

describe('search statistics', () => {
  it('count the documents, their length and each lexeme after inserts, per workspace', async () => {
    const stats = await expectConsistent(aId, 'messages');
    expect(stats.documents).toBe(3);
    expect(stats.terms.pistachio).toBe(2);
    expect(stats.terms.sourdough).toBeUndefined();
    expect((await expectConsistent(bId, 'messages')).terms.sourdough).toBe(1);
  });

  it('follow content updates and deletes; a metadata update writes nothing', async () => {
    const db = getDb();
    await db.$executeRaw`UPDATE messages SET content = 'We walk along the river with Pistachio', token_count = 8
      WHERE workspace_id = ${aId} AND content LIKE 'We walk%'`;
    expect((await expectConsistent(aId, 'messages')).terms.pistachio).toBe(3);

    const before = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM search_term_statistics WHERE workspace_id = ${aId}`;
    await db.$executeRaw`UPDATE messages SET metadata = '{"seen": true}' WHERE workspace_id = ${aId}`;
    const after = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM search_term_statistics WHERE workspace_id = ${aId}`;
    expect(after).toEqual(before);
    await expectConsistent(aId, 'messages');

    await db.$executeRaw`DELETE FROM messages WHERE workspace_id = ${aId} AND content LIKE 'I adopted%'`;
    const hard = await expectConsistent(aId, 'messages');
    expect([hard.documents, hard.terms.greyhound]).toEqual([2, 1]);
    await expectConsistent(bId, 'messages');
  });

  it('count live conclusions only: deleted and superseded ones leave the statistics', async () => {
    const ids = await insertConclusions(a, [
      { observer: 'alice', observed: 'alice', content: 'Alice owns a greyhound named Pistachio' },
      { observer: 'alice', observed: 'alice', content: 'Alice walks by the river each morning' },
      { observer: 'alice', observed: 'alice', content: 'Alice once owned a cat', superseded: true },
      { observer: 'alice', observed: 'alice', content: 'Alice dislikes rain', deleted: true },
    ]);
    expect((await expectConsistent(aId, 'conclusions')).documents).toBe(2);
    await getDb().$executeRaw`UPDATE conclusions SET superseded_at = now() WHERE id = ${ids[1]!}`;
    const stats = await expectConsistent(aId, 'conclusions');
    expect([stats.documents, stats.terms.river]).toEqual([1, undefined]);
    expect((await expectConsistent(aId, 'messages')).documents).toBe(2);
  });

  it("another workspace's writes change neither a workspace's statistics nor its results", async () => {
    const search = () => searchMessageRows(getDb(), { workspaceId: aId }, 'Where does Pistachio the greyhound walk?', 10);
    const statsBefore = await stored(aId, 'messages');
    const resultsBefore = (await search()).map((r) => [r.id, r.score]);
    expect(resultsBefore.length).toBeGreaterThan(0);

    // Many matching rows elsewhere would change A's idf and candidates if anything leaked across workspaces.
    await addMessages(b, 's2', Array.from({ length: 40 }, (_, i) => ({
      peer_id: 'carol', content: `Pistachio the greyhound walks along the river, walk number ${i}`,
    })));
    expect((await expectConsistent(bId, 'messages')).terms.pistachio).toBe(40);
    expect(await stored(aId, 'messages')).toEqual(statsBefore);
    expect((await search()).map((r) => [r.id, r.score])).toEqual(resultsBefore);
  });
});

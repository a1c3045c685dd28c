// Pseudo-relevance feedback (src/server/services/search/relevance-feedback.ts): the words the first lexical hits share
// expand the query, so a turn worded differently from the question is found, while a word of one hit alone is not
// taken up. Runs the real BM25 statement on the test database.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { rankLexically } from '@/server/services/search/lexical-rank';
import { rankWithFeedback } from '@/server/services/search/relevance-feedback';
import { messageScope, withMessageRows, type MessageSearchRow } from '@/server/services/search/search-message-rows';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { addMessages, internalIds } from './retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

const POTTERY = 'Pottery helps me destress, clay feels calming and meditative';
const YOGA = 'Yoga helps me destress, breathing feels calming and meditative';
/** The answer that shares no word with the question, only with the two turns above. */
const RUNNING = 'Running farther has been calming and meditative for my headspace';
/** Shares a rare word ("clay") with one feedback turn only. */
const OVEN = 'The clay oven at the bakery broke down again';
const FILLER = ['We talked about the weather on Sunday', 'The train was late this morning', 'Dinner was pasta with friends'];

let workspaceId: string;
let contentOf: Map<string, string>;

beforeAll(async () => {
  const ws = uniqueId('feedback');
  // One session each: no turn is the neighbour of another, so only the expansion can bring a turn in.
  for (const [i, content] of [POTTERY, YOGA, RUNNING, OVEN, ...FILLER].entries()) {
    await addMessages(ws, `s${i}`, [{ peer_id: 'melanie', content }]);
  }
  workspaceId = (await internalIds(ws)).workspaceId;
  const rows = await getDb().message.findMany({ where: { workspaceId }, select: { id: true, content: true } });
  contentOf = new Map(rows.map((r) => [r.id, r.content]));
});

const options = (query: string) => ({ target: 'messages' as const, workspaceId, where: messageScope({ workspaceId }), query, limit: 10 });
const contents = (ids: readonly string[]) => ids.map((id) => contentOf.get(id));

describe('relevance feedback', () => {
  it('finds a turn sharing the first hits\' words but none of the question\'s', async () => {
    const lexical = await rankLexically(getDb(), options('How do you destress?'));
    expect(contents(lexical.ranked).sort()).toEqual([POTTERY, YOGA].sort());

    const expanded = contents(await rankWithFeedback(getDb(), options('How do you destress?'), lexical.ranked));
    // The question's own matches stay first: an expansion term weighs less than a query term.
    expect(expanded.slice(0, 2).sort()).toEqual([POTTERY, YOGA].sort());
    expect(expanded).toContain(RUNNING);
  });

  it('ignores a word only one feedback turn holds', async () => {
    const lexical = await rankLexically(getDb(), options('How do you destress?'));
    const expanded = contents(await rankWithFeedback(getDb(), options('How do you destress?'), lexical.ranked));
    expect(expanded).not.toContain(OVEN);
    expect(expanded.filter((c) => FILLER.includes(c!))).toEqual([]);
  });

  it('brings, in the same statement, the rows of the expansion\'s candidates message search had not loaded, once each', async () => {
    const db = getDb();
    const lexical = await rankLexically(db, options('How do you destress?'));
    const rows: MessageSearchRow[] = [];
    const expanded = await rankWithFeedback(db, options('How do you destress?'), lexical.ranked, (statement) => withMessageRows(db, statement, lexical.ranked, rows));
    // The wrapped statement ranks exactly as the plain one.
    expect(expanded).toEqual(await rankWithFeedback(db, options('How do you destress?'), lexical.ranked));
    expect(rows.map((r) => r.content)).toContain(RUNNING);
    expect(rows.filter((r) => lexical.ranked.includes(r.id))).toEqual([]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const running = rows.find((r) => r.content === RUNNING)!;
    expect(running).toMatchObject({ peerName: 'melanie', sessionName: 's2', workspaceId });
    expect(typeof running.insertedOrder).toBe('bigint');
    expect(running.createdAt).toBeInstanceOf(Date);
  });

  it('learns nothing without lexical hits', async () => {
    expect(await rankWithFeedback(getDb(), options('How do you destress?'), [])).toEqual([]);
  });

  it('ranks nothing when the feedback turns share no word: the plain ranking would only count twice', async () => {
    const pottery = [...contentOf].find(([, content]) => content === POTTERY)![0];
    expect(await rankWithFeedback(getDb(), options('How do you destress?'), [pottery])).toEqual([]);
  });
});

// Pseudo-relevance feedback (src/server/services/search/relevance-feedback.ts): the words the first lexical hits share
// expand the query, so a turn worded differently from the question is found, while a word of one hit alone is not
// taken up. Runs the real BM25 statement on the test database.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { rankLexically } from '@/server/services/search/lexical-rank';
import { INLINE_FEEDBACK, rankWithFeedback } from '@/server/services/search/relevance-feedback';
import { queryRows } from '@/server/db/raw-rows';
import type { LexicalRow } from '@/server/services/search/conversation-neighbours';
import { messageScope } from '@/server/services/search/search-message-rows';
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
let createdAtOf: Map<string, Date>;

beforeAll(async () => {
  const ws = uniqueId('feedback');
  // One session each: no turn is the neighbour of another, so only the expansion can bring a turn in.
  for (const [i, content] of [POTTERY, YOGA, RUNNING, OVEN, ...FILLER].entries()) {
    await addMessages(ws, `s${i}`, [{ peer_id: 'melanie', content }]);
  }
  workspaceId = (await internalIds(ws)).workspaceId;
  const rows = await getDb().message.findMany({ where: { workspaceId }, select: { id: true, content: true, createdAt: true } });
  contentOf = new Map(rows.map((r) => [r.id, r.content]));
  createdAtOf = new Map(rows.map((r) => [r.id, r.createdAt]));
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

  it('gives each candidate\'s author and time with its ranking, which is all message search needs to fuse it', async () => {
    const db = getDb();
    const lexical = await rankLexically(db, options('How do you destress?'));
    const rows: LexicalRow[] = [];
    const expanded = await rankWithFeedback(db, options('How do you destress?'), lexical.ranked, async (statement) => {
      const result = await queryRows<LexicalRow>(db, statement);
      rows.push(...result);
      return result;
    });
    // The observed statement ranks exactly as the plain one.
    expect(expanded).toEqual(await rankWithFeedback(db, options('How do you destress?'), lexical.ranked));
    const running = rows.find((r) => contentOf.get(r.id) === RUNNING)!;
    expect(running).toMatchObject({ of: null, author: 'melanie' });
    // Epoch seconds with the database's microseconds; the Date keeps milliseconds.
    expect(Math.abs(running.t * 1000 - createdAtOf.get(running.id)!.getTime())).toBeLessThan(1);
    expect(rows.every((r) => r.author === 'melanie' && Number.isFinite(r.t))).toBe(true);
  });

  it('ranks the same inside the plain statement (message search) as in a statement of its own', async () => {
    const db = getDb();
    for (const question of ['How do you destress?', 'What feels calming?', 'Who broke the oven?']) {
      const inline = await rankLexically(db, { ...options(question), feedback: INLINE_FEEDBACK });
      const plain = await rankLexically(db, options(question));
      expect(inline.ranked).toEqual(plain.ranked);
      expect(inline.feedback).toEqual(await rankWithFeedback(db, options(question), plain.ranked));
    }
    const inline = await rankLexically(db, { ...options('How do you destress?'), feedback: INLINE_FEEDBACK });
    expect(contents(inline.feedback!)).toContain(RUNNING);
    expect(inline.rows.filter((r) => r.leg === 'feedback').length).toBeGreaterThan(0);
  });

  it('is left to its own statement when a literal needle leads the plain ranking', async () => {
    const inline = await rankLexically(getDb(), { ...options('"clay oven" destress'), feedback: INLINE_FEEDBACK });
    expect(inline.feedback).toBeUndefined();
    expect(inline.rows.some((r) => r.leg === 'feedback')).toBe(false);
  });

  it('learns nothing without lexical hits', async () => {
    expect(await rankWithFeedback(getDb(), options('How do you destress?'), [])).toEqual([]);
  });

  it('ranks nothing when the feedback turns share no word: the plain ranking would only count twice', async () => {
    const pottery = [...contentOf].find(([, content]) => content === POTTERY)![0];
    expect(await rankWithFeedback(getDb(), options('How do you destress?'), [pottery])).toEqual([]);
  });
});

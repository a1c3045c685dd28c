// The name pass of message search (literal-passes.ts): a capitalised word the english configuration drops as a stop
// word ("Will") is still found, the first time and once the process remembers the word's class
// (english-stop-words.ts), while a query whose names are known non-stop words skips the pass and is answered by BM25.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { classifyKnown, forgetStopWords, learnStopWords, STOP_WORD_MEMORY } from '@/server/services/search/english-stop-words';
import { call } from '../support/app-fetch';
import { json, uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { addMessages, drainEmbeddings } from './retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

let ws: string;
const WILL = 'Will packed the tent and two lanterns';
const CAROLINE = 'Caroline painted the lake at dawn';

beforeAll(async () => {
  ws = uniqueId('names');
  await addMessages(ws, 's1', [
    ...Array.from({ length: 12 }, (_, i) => ({ peer_id: 'bob', content: `Just a note about groceries, list ${i}` })),
    { peer_id: 'bob', content: WILL },
    { peer_id: 'bob', content: CAROLINE },
  ]);
  await drainEmbeddings();
});
beforeEach(() => forgetStopWords());

const contents = async (query: string) => {
  const response = await call('POST', `/v3/workspaces/${ws}/search`, { query, limit: 3 });
  expect(response.status).toBe(200);
  return ((await json(response)) as { content: string }[]).map((m) => m.content);
};

describe('name pass', () => {
  it('finds a name that is an english stop word, before and after its class is remembered', async () => {
    expect(classifyKnown(['will']).unknown).toEqual(['will']);
    expect(await contents('What did Will do?')).toContain(WILL);
    expect(classifyKnown(['will'])).toEqual({ unknown: [], anyStop: true });
    expect(await contents('What did Will do?')).toContain(WILL);
  });

  it('answers a known non-stop name through BM25 alone', async () => {
    await learnStopWords(getDb(), ['caroline']);
    expect(classifyKnown(['caroline'])).toEqual({ unknown: [], anyStop: false });
    expect((await contents('What did Caroline paint?'))[0]).toBe(CAROLINE);
  });

  it('classifies with the database and forgets the oldest answers past its bound', async () => {
    await learnStopWords(getDb(), ['was', 'melanie', 'the']);
    expect(classifyKnown(['melanie'])).toEqual({ unknown: [], anyStop: false });
    expect(classifyKnown(['was', 'melanie']).anyStop).toBe(true);
    expect(classifyKnown(['the']).anyStop).toBe(true);
    await learnStopWords(getDb(), Array.from({ length: STOP_WORD_MEMORY }, (_, i) => `word${i}`));
    expect(classifyKnown(['was', 'word0']).unknown).toEqual(['was']);
  });
});

// Session context and summaries (docs/api.md#s3-7, docs/honcho-differences.md#context-budget): the budget algorithm step by step, a randomised property
// that the parts never exceed `tokens`, stale summaries withheld, and the option combinations refused with 422.
import { beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '@/server/services/messages/count-tokens';
import { call } from '../support/app-fetch';
import { invalid, json, uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { addMessages, insertConclusions, insertSummary } from './retrieval-fixtures';
import { seededRandom } from '../support/seeded-random';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

type Ctx = {
  id: string;
  messages: { id: string; token_count: number; content: string }[];
  summary: { content: string; token_count: number; message_id: string; summary_type: string; created_at: string } | null;
  peer_representation: string | null;
  peer_card: string[] | null;
};

const rng = seededRandom;
const random = rng(7);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const words = (n: number) => Array.from({ length: n }, () => ['lisbon', 'dog', 'coffee', 'river', 'garden', 'tuesday'][int(0, 5)]).join(' ');

let ws: string;
let ids: string[];
const context = async (query: string, session = 's1', workspace = ws): Promise<Ctx> => {
  const response = await call('GET', `/v3/workspaces/${workspace}/sessions/${session}/context${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return json(response);
};

beforeAll(async () => {
  ws = uniqueId('ctx');
  ids = await addMessages(ws, 's1', Array.from({ length: 40 }, (_, i) => ({ peer_id: i % 2 ? 'bob' : 'alice', content: `m${i} ${words(int(1, 60))}` })));
  await insertConclusions(ws, Array.from({ length: 30 }, (_, i) => ({
    observer: 'alice', observed: 'alice', content: `alice fact ${i}: ${words(int(2, 40))}`, session: 's1',
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)), timesDerived: int(1, 5),
  })));
});

const total = (c: Ctx) =>
  c.messages.reduce((sum, m) => sum + m.token_count, 0) + (c.summary?.token_count ?? 0) +
  countTokens(c.peer_representation ?? '') + countTokens((c.peer_card ?? []).join('\n'));

describe('session context budget', () => {
  it('never exceeds tokens, whatever the sizes of card, representation, summary and messages', async () => {
    let roundsWithCard = 0;
    let roundsWithSummary = 0;
    for (let round = 0; round < 24; round += 1) {
      const tokens = int(1, 2500);
      const card = Array.from({ length: int(0, 30) }, () => words(int(1, 30)));
      await call('PUT', `/v3/workspaces/${ws}/peers/alice/card`, { peer_card: card });
      const shortAt = int(1, 39);
      await insertSummary(ws, 's1', { kind: 'short', content: words(int(1, 400)), lastMessageId: ids[shortAt - 1]!, lastSeq: shortAt });
      await insertSummary(ws, 's1', { kind: 'long', content: words(int(1, 900)), lastMessageId: ids[shortAt - 1]!, lastSeq: shortAt });
      const include = random() < 0.5 ? '&include_most_frequent=true' : '';
      const search = random() < 0.5 ? '&search_query=lisbon%20dog' : '';
      const c = await context(`?tokens=${tokens}&peer_target=alice${include}${search}`);
      expect(total(c), `round ${round}, tokens ${tokens}`).toBeLessThanOrEqual(tokens);
      expect(countTokens((c.peer_card ?? []).join('\n'))).toBeLessThanOrEqual(Math.floor(tokens / 10));
      expect(countTokens((c.peer_card ?? []).join('\n')) + countTokens(c.peer_representation ?? '')).toBeLessThanOrEqual(Math.floor(tokens / 2));
      // The card is cut from its end, never reordered (an empty or missing card is the shortest cut).
      expect(c.peer_card ?? []).toEqual(card.slice(0, (c.peer_card ?? []).length));
      if (c.peer_card?.length) roundsWithCard += 1;
      // With a summary, messages start at its last covered message at the earliest.
      const summaryEnd = c.summary ? ids.indexOf(c.summary.message_id) : -1;
      expect(ids.indexOf(c.messages[0]?.id ?? ids.at(-1)!)).toBeGreaterThanOrEqual(summaryEnd);
      if (c.summary) roundsWithSummary += 1;
      expect(c.messages.map((m) => m.id)).toEqual(c.messages.length ? ids.slice(ids.length - c.messages.length) : []);
    }
    // The seeded rounds exercise both the card and the summary, so the checks above ran on real values.
    expect(roundsWithCard).toBeGreaterThan(0);
    expect(roundsWithSummary).toBeGreaterThan(0);
  });

  it('without peer_target: newest messages that fit, oldest first, no representation or card', async () => {
    await call('PUT', `/v3/workspaces/${ws}/peers/alice/card`, { peer_card: ['Name: Alice'] });
    const c = await context('?tokens=200&summary=false');
    expect(c.peer_representation).toBeNull();
    expect(c.peer_card).toBeNull();
    expect(c.summary).toBeNull();
    expect(c.messages.at(-1)!.id).toBe(ids.at(-1));
    const sum = c.messages.reduce((s, m) => s + m.token_count, 0);
    expect(sum).toBeLessThanOrEqual(200);
    // The walk stops at the first message that does not fit.
    const next = (await context('?summary=false')).messages.at(-(c.messages.length + 1))!;
    expect(sum + next.token_count).toBeGreaterThan(200);
  });

  it('uses the long summary when it fits and is longer, else the short one; messages start at its last message', async () => {
    await insertSummary(ws, 's1', { kind: 'short', content: 'short one', lastMessageId: ids[29]!, lastSeq: 30 });
    await insertSummary(ws, 's1', { kind: 'long', content: 'a much longer summary of everything said so far', lastMessageId: ids[34]!, lastSeq: 35 });
    const long = await context('');
    expect(long.summary).toMatchObject({ content: 'a much longer summary of everything said so far', summary_type: 'honcho_chat_summary_long', message_id: ids[34] });
    expect(long.summary!.created_at).toBe('2026-03-04T05:06:07Z');
    expect(long.messages.map((m) => m.id)).toEqual(ids.slice(34));
    // 40 % of 20 tokens leaves room for the short summary only.
    const short = await context('?tokens=20');
    expect(short.summary?.summary_type).toBe('honcho_chat_summary_short');
    await insertSummary(ws, 's1', { kind: 'long', content: 'stale long summary that is long', lastMessageId: ids[34]!, lastSeq: 35, stale: true });
    expect((await context('')).summary?.summary_type).toBe('honcho_chat_summary_short');
  });

  it('limit_to_session restricts the representation to the session and omits the card; sessions likewise', async () => {
    const limited = await context('?peer_target=alice&limit_to_session=true&max_conclusions=3');
    expect(limited.peer_card).toBeNull();
    expect(limited.peer_representation).toMatch(/^## Explicit Observations\n\n/);
    expect(limited.peer_representation!.split('\n').filter((l) => l.startsWith('['))).toHaveLength(3);
    const other = await context('?peer_target=alice&sessions=s2');
    expect(other.peer_representation).toBe('');
    const withCard = await context('?peer_target=alice&peer_perspective=alice');
    expect(withCard.peer_card).toEqual(['Name: Alice']);
  });

  it('a session that does not exist answers 200 with no messages and no summary', async () => {
    const c = await context('', 'no-such-session');
    expect(c).toEqual({ id: 'no-such-session', messages: [], summary: null, peer_representation: null, peer_card: null });
  });

  it('422 for tokens over 100,000, peer_perspective without peer_target, sessions with limit_to_session, misused scope', async () => {
    const bad = (q: string) => call('GET', `/v3/workspaces/${ws}/sessions/s1/context${q}`);
    expect(await invalid(await bad('?tokens=100001'))).toEqual(['query.tokens']);
    expect(await invalid(await bad('?tokens=0'))).toEqual(['query.tokens']);
    expect(await invalid(await bad('?peer_perspective=alice'))).toEqual(['query.peer_perspective']);
    expect(await invalid(await bad('?peer_target=alice&sessions=s1&limit_to_session=true'))).toEqual(['query.sessions']);
    expect(await invalid(await bad('?scope=team'))).toEqual(['query.scope']);
    expect(await invalid(await bad('?peer_target=alice&peer_perspective=alice&scope=team'))).toEqual(['query.scope']);
    expect(await invalid(await bad('?peer_target=alice&sessions=s1&scope=team'))).toEqual(['query.scope']);
    expect(await invalid(await bad('?peer_target=alice&limit_to_session=true&scope=team'))).toEqual(['query.scope']);
    expect((await bad('?peer_target=alice&scope=team')).status).toBe(404);
    expect(await invalid(await bad('?summary=maybe'))).toEqual(['query.summary']);
    expect(await invalid(await bad('?peer_target=alice&sessions=bad.id'))).toEqual(['query.session_id[0]']);
  });
});

describe('what the context starts from: workspace, session, observer and observed', () => {
  // One statement resolves all four (resolve-context-names.ts) with the rules of the single lookups.
  let w: string;
  const read = (query: string, session = 's1') => context(query, session, w);
  beforeAll(async () => {
    w = uniqueId('names');
    await addMessages(w, 's1', [{ peer_id: 'alice', content: 'hello from alice' }, { peer_id: 'bob', content: 'hello from bob' }]);
    await addMessages(w, 's2', [{ peer_id: 'alice', content: 'another session' }]);
    await insertConclusions(w, [{ observer: 'alice', observed: 'alice', content: 'alice likes tea', createdAt: new Date('2026-01-01T00:00:00Z') }]);
    await call('PUT', `/v3/workspaces/${w}/peers/alice/card`, { peer_card: ['Name: Alice'] });
  });

  it('peer_card.use: the session\'s setting wins over the workspace\'s', async () => {
    expect((await read('?peer_target=alice')).peer_card).toEqual(['Name: Alice']);
    expect((await call('PUT', `/v3/workspaces/${w}`, { configuration: { peer_card: { use: false } } })).status).toBe(200);
    const withheld = await read('?peer_target=alice');
    expect(withheld.peer_card).toBeNull();
    expect(withheld.peer_representation).toBe('## Explicit Observations\n\n[2026-01-01 00:00:00] alice likes tea\n');
    expect((await call('PUT', `/v3/workspaces/${w}/sessions/s1`, { configuration: { peer_card: { use: true } } })).status).toBe(200);
    expect((await read('?peer_target=alice')).peer_card).toEqual(['Name: Alice']);
    expect((await read('?peer_target=alice', 's2')).peer_card).toBeNull();
    await call('PUT', `/v3/workspaces/${w}`, { configuration: { peer_card: { use: true } } });
  });

  it('an unknown observer or observed gives an empty representation and no card, messages as usual', async () => {
    for (const query of ['?peer_target=nobody', '?peer_target=alice&peer_perspective=nobody', '?peer_target=nobody&peer_perspective=alice']) {
      const c = await read(query);
      expect(c.peer_card, query).toBeNull();
      expect(c.peer_representation, query).toBe('');
      expect(c.messages.map((m) => m.content), query).toEqual(['hello from alice', 'hello from bob']);
    }
  });

  it('a deleted session reads as missing; the representation is still the peer\'s', async () => {
    await addMessages(w, 'gone', [{ peer_id: 'alice', content: 'soon deleted' }]);
    expect((await call('DELETE', `/v3/workspaces/${w}/sessions/gone`)).status).toBe(202);
    expect(await read('', 'gone')).toEqual({ id: 'gone', messages: [], summary: null, peer_representation: null, peer_card: null });
    const c = await read('?peer_target=alice', 'gone');
    expect(c.messages).toEqual([]);
    expect(c.peer_card).toEqual(['Name: Alice']);
    expect(c.peer_representation).toMatch(/alice likes tea/);
  });

  it('an unknown workspace answers empty, even for a scope', async () => {
    const c = await json(await call('GET', `/v3/workspaces/${uniqueId('none')}/sessions/s1/context?peer_target=alice&scope=team`));
    expect(c).toEqual({ id: 's1', messages: [], summary: null, peer_representation: null, peer_card: null });
  });
});

describe('context messages across the newest 500-row page', () => {
  // The newest page decides the cut in one statement; only a page that fits whole walks on (select-context-messages.ts).
  let long: string[];
  let tokens: number[];
  const newest = (n: number) => long.slice(long.length - n);
  const budgetFor = (n: number) => tokens.slice(tokens.length - n).reduce((sum, t) => sum + t, 0);
  beforeAll(async () => {
    long = [];
    for (let batch = 0; batch < 7; batch += 1) {
      long.push(...(await addMessages(ws, 'long', Array.from({ length: 90 }, (_, i) => ({ peer_id: i % 3 ? 'bob' : 'alice', content: `p${batch}-${i} ${words(int(1, 3))}` })))));
    }
    const all = await context('?tokens=100000&summary=false', 'long');
    tokens = all.messages.map((m) => m.token_count);
    expect(all.messages.map((m) => m.id)).toEqual(long);
  });

  it('returns all 630 messages when they fit, oldest first', async () => {
    expect(long).toHaveLength(630);
    expect(tokens.every((t) => t > 0)).toBe(true);
    expect((await context(`?tokens=${budgetFor(630)}&summary=false`, 'long')).messages.map((m) => m.id)).toEqual(long);
  });

  it('cuts inside the first page, exactly at its end, and inside a later page', async () => {
    for (const n of [2, 300, 499, 500, 501, 550, 629]) {
      const c = await context(`?tokens=${budgetFor(n)}&summary=false`, 'long');
      expect(c.messages.map((m) => m.id), `${n} messages`).toEqual(newest(n));
      // One token short of n messages leaves n - 1: the walk stops at the first message that does not fit.
      const short = await context(`?tokens=${budgetFor(n) - 1}&summary=false`, 'long');
      expect(short.messages.map((m) => m.id), `${n} - 1 messages`).toEqual(newest(n - 1));
    }
  });

  it('starts at the summary\'s last message on both sides of the page', async () => {
    await insertSummary(ws, 'long', { kind: 'short', content: 'early part', lastMessageId: long[99]!, lastSeq: 100 });
    expect((await context('?tokens=100000', 'long')).messages.map((m) => m.id)).toEqual(long.slice(99));
    await insertSummary(ws, 'long', { kind: 'short', content: 'most of it', lastMessageId: long[599]!, lastSeq: 600 });
    expect((await context('?tokens=100000', 'long')).messages.map((m) => m.id)).toEqual(long.slice(599));
  });
});

describe('GET …/summaries', () => {
  it('returns both summaries, withholds stale ones, and nulls for an unknown session', async () => {
    const w = uniqueId('sum');
    const [first] = await addMessages(w, 's1', [{ peer_id: 'alice', content: 'hello' }]);
    await insertSummary(w, 's1', { kind: 'short', content: 'hi', lastMessageId: first!, lastSeq: 1 });
    await insertSummary(w, 's1', { kind: 'long', content: 'hello there', lastMessageId: first!, lastSeq: 1, stale: true });
    const body = await json(await call('GET', `/v3/workspaces/${w}/sessions/s1/summaries`));
    expect(body).toEqual({
      id: 's1',
      short_summary: { content: 'hi', message_id: first, summary_type: 'honcho_chat_summary_short', created_at: '2026-03-04T05:06:07Z', token_count: 1 },
      long_summary: null,
    });
    expect(await json(await call('GET', `/v3/workspaces/${w}/sessions/none/summaries`))).toEqual({ id: 'none', short_summary: null, long_summary: null });
  });
});

// Representation (docs/api.md#s3-10, #s5-8, #s6), peer context, peer cards and conclusion queries (docs/api.md#s3-9, docs/honcho-differences.md#hybrid-retrieval) over HTTP,
// plus the markdown renderer byte for byte and the bucket arithmetic.
import { beforeAll, describe, expect, it } from 'vitest';
import { renderRepresentation } from '@/server/services/representation/render-representation';
import { getDb } from '@/server/db/client';
import { bucketSizes, selectRepresentation, type RepresentationRequest } from '@/server/services/representation/select-representation';
import { call } from '../support/app-fetch';
import { invalid, json, uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { addMessages, insertConclusions, internalIds } from './retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

const at = (iso: string) => new Date(iso);

describe('representation markdown (docs/api.md#s6)', () => {
  it('renders every level byte for byte, ordered by timestamp, sections only when non-empty', () => {
    const text = renderRepresentation([
      { id: 'b', level: 'explicit', content: 'alice has a dog named Rex', timestamp: at('2026-08-20T15:42:38.999Z'), provenance: {} },
      { id: 'a', level: 'explicit', content: 'alice moved to Lisbon', timestamp: at('2026-08-20T15:42:38.001Z'), provenance: {} },
      {
        id: 'd', level: 'deductive', content: 'alice walks Rex in Lisbon', timestamp: at('2026-08-21T09:00:00Z'),
        provenance: { premises: ['alice moved to Lisbon', 'alice has a dog named Rex'] },
      },
      { id: 'e', level: 'deductive', content: 'alice is settled', timestamp: at('2026-08-22T09:00:00Z'), provenance: {} },
      {
        id: 'i', level: 'inductive', content: 'alice walks every morning', timestamp: at('2026-08-23T10:11:12Z'),
        provenance: { confidence: 'high', pattern_type: 'habit', sources: ['s1', 's2', 's3', 's4', 's5', 's6', 's7'] },
      },
      {
        id: 'c', level: 'contradiction', content: 'alice both likes and hates rain', timestamp: at('2026-08-24T00:00:00Z'),
        provenance: { sources: ['alice likes rain', 'alice hates rain'] },
      },
    ]);
    expect(text).toBe(
      '## Explicit Observations\n\n' +
        '[2026-08-20 15:42:38] alice moved to Lisbon\n' +
        '[2026-08-20 15:42:38] alice has a dog named Rex\n' +
        '\n' +
        '## Deductive Observations\n\n' +
        '[2026-08-21 09:00:00] alice walks Rex in Lisbon\n   Premises:\n   - alice moved to Lisbon\n   - alice has a dog named Rex\n\n' +
        '[2026-08-22 09:00:00] alice is settled\n\n' +
        '\n' +
        '## Inductive Observations\n\n' +
        '[2026-08-23 10:11:12] **Pattern** [high]: alice walks every morning\n   **Type**: habit\n   **Sources**:\n' +
        '   - s1\n   - s2\n   - s3\n   - s4\n   - s5\n   - ... and 2 more\n\n' +
        '\n' +
        '## Contradictions\n\n' +
        '[2026-08-24 00:00:00] **CONTRADICTION**: alice both likes and hates rain\n   **Conflicting statements**:\n' +
        '   - alice likes rain\n   - alice hates rain\n\n',
    );
    expect(renderRepresentation([])).toBe('');
  });

  it('splits max_conclusions into relevant, frequent and recent buckets', () => {
    expect(bucketSizes(25, false, null, false)).toEqual({ relevant: 0, frequent: 0, recent: 25 });
    expect(bucketSizes(25, true, null, false)).toEqual({ relevant: 8, frequent: 0, recent: 17 });
    expect(bucketSizes(25, true, null, true)).toEqual({ relevant: 8, frequent: 8, recent: 9 });
    expect(bucketSizes(25, false, null, true)).toEqual({ relevant: 0, frequent: 12, recent: 13 });
    expect(bucketSizes(10, true, 50, true)).toEqual({ relevant: 10, frequent: 0, recent: 0 });
    expect(bucketSizes(2, true, null, false)).toEqual({ relevant: 1, frequent: 0, recent: 1 });
  });
});

describe('POST …/peers/{peer}/representation', () => {
  let ws: string;
  beforeAll(async () => {
    ws = uniqueId('rep');
    await addMessages(ws, 's1', [{ peer_id: 'alice', content: 'hi' }]);
    await addMessages(ws, 's2', [{ peer_id: 'alice', content: 'hello' }]);
    await insertConclusions(ws, [
      { observer: 'alice', observed: 'alice', content: 'alice moved to Lisbon', session: 's1', messageCreatedAt: at('2026-01-01T00:00:01Z'), createdAt: at('2026-01-05T00:00:00Z') },
      { observer: 'alice', observed: 'alice', content: 'alice has a dog named Rex', session: 's2', createdAt: at('2026-01-02T00:00:00Z') },
      { observer: 'alice', observed: 'alice', content: 'alice once lived in Porto', session: 's1', superseded: true },
      { observer: 'alice', observed: 'alice', content: 'alice was deleted', session: 's1', deleted: true },
      {
        observer: 'alice', observed: 'alice', level: 'deductive', content: 'alice walks Rex in Lisbon', session: 's2',
        createdAt: at('2026-01-03T00:00:00Z'), provenance: { premises: ['alice moved to Lisbon'] },
      },
      { observer: 'alice', observed: 'bob', content: 'bob plays the cello', createdAt: at('2026-01-04T00:00:00Z') },
    ]);
  });
  const rep = async (peer: string, body: unknown) => call('POST', `/v3/workspaces/${ws}/peers/${peer}/representation`, body);

  it('renders the live conclusions of the view, never deleted or superseded ones', async () => {
    const { representation } = await json(await rep('alice', {}));
    expect(representation).toBe(
      '## Explicit Observations\n\n[2026-01-01 00:00:01] alice moved to Lisbon\n[2026-01-02 00:00:00] alice has a dog named Rex\n\n' +
        '## Deductive Observations\n\n[2026-01-03 00:00:00] alice walks Rex in Lisbon\n   Premises:\n   - alice moved to Lisbon\n\n',
    );
    expect((await json(await rep('alice', { target: 'bob' }))).representation).toBe(
      '## Explicit Observations\n\n[2026-01-04 00:00:00] bob plays the cello\n',
    );
  });

  it('restricts to explicit conclusions of a session or an allowlist; an empty allowlist knows nothing', async () => {
    expect((await json(await rep('alice', { session_id: 's1' }))).representation).toBe(
      '## Explicit Observations\n\n[2026-01-01 00:00:01] alice moved to Lisbon\n',
    );
    expect((await json(await rep('alice', { filters: { session_id: { in: ['s2'] } } }))).representation).toBe(
      '## Explicit Observations\n\n[2026-01-02 00:00:00] alice has a dog named Rex\n',
    );
    expect((await json(await rep('alice', { filters: { session_id: [] } }))).representation).toBe('');
  });

  it('honours max_conclusions (recent first) and relevance search', async () => {
    // The most recently created conclusion, shown with its source message's time.
    expect((await json(await rep('alice', { max_conclusions: 1 }))).representation).toBe(
      '## Explicit Observations\n\n[2026-01-01 00:00:01] alice moved to Lisbon\n',
    );
    const relevant = (await json(await rep('alice', { max_conclusions: 1, search_query: 'Rex walks' }))).representation;
    expect(relevant).toContain('alice walks Rex in Lisbon');
  });

  it('answers "" for unknown peers, and 422 for bad input', async () => {
    expect(await json(await rep('nobody', {}))).toEqual({ representation: '' });
    expect(await invalid(await rep('alice', { max_conclusions: 0 }))).toEqual(['body.max_conclusions']);
    expect(await invalid(await rep('alice', { filters: { peer_id: 'x' } }))).toEqual(['body.filters.peer_id']);
    expect(await invalid(await rep('alice', { session_id: 's1', filters: { session_id: ['s2'] } }))).toEqual(['body.session_id']);
    expect(await invalid(await rep('alice', { scope: 'team', session_id: 's1' }))).toEqual(['body.scope']);
    expect(await invalid(await rep('alice', { scope: ['team'], filters: { session_id: ['s1'] } }))).toEqual(['body.scope']);
    expect(await invalid(await rep('alice', { scope: 'scope.team' }))).toEqual(['body.scope']);
    expect((await rep('alice', { scope: 'team' })).status).toBe(404);
    expect(await invalid(await call('POST', `/v3/workspaces/${ws}/peers/alice/representation`))).toEqual(['body']);
  });
});

describe('representation buckets and drop order', () => {
  // The frequent and recent buckets and the rows are one statement (select-representation.ts); these overlapping
  // buckets pin which ids each bucket skips, the in-bucket orders and the drop order built from them.
  let ids: Record<string, string>;
  let request: Omit<RepresentationRequest, 'searchQuery' | 'searchTopK' | 'includeMostFrequent' | 'total'>;
  beforeAll(async () => {
    const ws = uniqueId('buckets');
    const day = (d: number) => at(`2026-01-0${d}T00:00:00Z`);
    const spec = [
      // A is the most frequent, the most recent and the only match for "zanzibar": every bucket competes for it.
      { key: 'A', content: 'alice visited zanzibar', timesDerived: 9, createdAt: day(9) },
      { key: 'B', content: 'alice likes tea', timesDerived: 8, createdAt: day(8) },
      { key: 'C', content: 'alice reads novels', timesDerived: 7, createdAt: day(2) },
      { key: 'G', content: 'alice paints', timesDerived: 7, createdAt: day(3) },
      { key: 'D', content: 'alice cycles', timesDerived: 1, createdAt: day(7) },
      { key: 'E', content: 'alice swims', timesDerived: 1, createdAt: day(6) },
      { key: 'F', content: 'alice sings', timesDerived: 1, createdAt: day(5) },
    ];
    const inserted = await insertConclusions(ws, spec.map(({ content, timesDerived, createdAt }) => ({ observer: 'alice', observed: 'alice', content, timesDerived, createdAt })));
    ids = Object.fromEntries(spec.map((c, i) => [c.key, inserted[i]!]));
    const { workspaceId, peerIds } = await internalIds(ws, ['alice']);
    request = { workspaceId, observerId: peerIds.alice!, observedId: peerIds.alice!, sessionIds: null, searchMaxDistance: null };
  });
  const select = async (options: Pick<RepresentationRequest, 'searchQuery' | 'searchTopK' | 'includeMostFrequent' | 'total'>) => {
    const selection = await selectRepresentation(getDb(), { ...request, ...options });
    const key = Object.fromEntries(Object.entries(ids).map(([k, id]) => [id, k]));
    return { drop: selection.dropOrder.map((id) => key[id]), entries: selection.entries.map((e) => key[e.id]).sort() };
  };

  it('relevant, then frequent skipping it, then recent skipping both; dropped recent-oldest first, relevant last', async () => {
    const all = await select({ searchQuery: 'zanzibar', searchTopK: 1, includeMostFrequent: true, total: 6 });
    // relevant [A]; frequent [B, G] (G before C: same count, newer); recent [D, E, F].
    expect(all.drop).toEqual(['F', 'E', 'D', 'G', 'B', 'A']);
    expect(all.entries).toEqual(['A', 'B', 'D', 'E', 'F', 'G']);
  });

  it('without a query: frequent, then recent skipping it; recent alone without include_most_frequent', async () => {
    const both = await select({ searchQuery: null, searchTopK: null, includeMostFrequent: true, total: 4 });
    expect(both.drop).toEqual(['E', 'D', 'B', 'A']);
    expect(both.entries).toEqual(['A', 'B', 'D', 'E']);
    const recent = await select({ searchQuery: null, searchTopK: null, includeMostFrequent: false, total: 3 });
    expect(recent.drop).toEqual(['D', 'B', 'A']);
    // Room for more than there are: the frequent bucket takes all but the relevant one and recent finds nothing left.
    const every = await select({ searchQuery: 'zanzibar', searchTopK: 1, includeMostFrequent: true, total: 50 });
    expect(every.entries).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(every.drop).toEqual(['F', 'E', 'D', 'C', 'G', 'B', 'A']);
  });
});

describe('peer cards and peer context', () => {
  let ws: string;
  beforeAll(async () => {
    ws = uniqueId('card');
  });
  const card = (peer: string, query = '') => `/v3/workspaces/${ws}/peers/${peer}/card${query}`;

  it('PUT stores verbatim on the observer (NUL stripped), get-or-creating peers; GET reads it back', async () => {
    const put = await call('PUT', card('alice'), { peer_card: ['Name: Alice', 'Lives in\u0000 Lisbon', 'Name: Alice'] });
    expect(await json(put)).toEqual({ peer_card: ['Name: Alice', 'Lives in Lisbon', 'Name: Alice'] });
    expect(await json(await call('GET', card('alice')))).toEqual({ peer_card: ['Name: Alice', 'Lives in Lisbon', 'Name: Alice'] });
    await call('PUT', card('alice', '?target=bob'), { peer_card: ['Plays cello'] });
    expect(await json(await call('GET', card('alice', '?target=bob')))).toEqual({ peer_card: ['Plays cello'] });
    // bob's own slot is a different card.
    expect(await json(await call('GET', card('bob')))).toEqual({ peer_card: null });
  });

  it('404 for an unknown path peer on GET; 422 for a bad body or invalid ids on PUT', async () => {
    expect((await call('GET', card('nobody'))).status).toBe(404);
    expect(await invalid(await call('PUT', card('alice'), { peer_card: 'x' }))).toEqual(['body.peer_card']);
    expect(await invalid(await call('PUT', card('bad.id'), { peer_card: [] }))).toEqual(['path.peer_id']);
    expect(await invalid(await call('PUT', card('alice', '?target=scope.x'), { peer_card: [] }))).toEqual(['query.target']);
  });

  it('GET …/context gives representation and card; 404 for an unknown peer', async () => {
    await insertConclusions(ws, [{ observer: 'alice', observed: 'bob', content: 'bob plays the cello', createdAt: at('2026-02-01T00:00:00Z') }]);
    const context = await json(await call('GET', `/v3/workspaces/${ws}/peers/alice/context?target=bob`));
    expect(context).toEqual({
      peer_id: 'alice',
      target_id: 'bob',
      representation: '## Explicit Observations\n\n[2026-02-01 00:00:00] bob plays the cello\n',
      peer_card: ['Plays cello'],
    });
    expect((await call('GET', `/v3/workspaces/${ws}/peers/nobody/context`)).status).toBe(404);
    expect(await invalid(await call('GET', `/v3/workspaces/${ws}/peers/alice/context?search_max_distance=2`))).toEqual(['query.search_max_distance']);
  });
});

describe('POST …/conclusions/query', () => {
  let ws: string;
  beforeAll(async () => {
    ws = uniqueId('cq');
    await insertConclusions(ws, [
      { observer: 'alice', observed: 'alice', content: 'alice keeps her passport number P-7731-Q in a drawer' },
      { observer: 'alice', observed: 'alice', content: 'alice enjoys long walks' },
      { observer: 'alice', observed: 'alice', content: 'alice lost P-7731-Q once', deleted: true },
      { observer: 'bob', observed: 'alice', content: 'bob thinks alice has P-7731-Q' },
    ]);
  });
  const query = (body: unknown) => call('POST', `/v3/workspaces/${ws}/conclusions/query`, body);

  it('ranks within the view only, live conclusions only, as a bare array', async () => {
    const results = await json(await query({ query: 'P-7731-Q', filters: { observer_id: 'alice', observed_id: 'alice' } }));
    // Fixture conclusions carry no embeddings, so only the lexical leg ranks here.
    expect(results.map((c: { content: string }) => c.content)).toEqual(['alice keeps her passport number P-7731-Q in a drawer']);
    expect(results[0]).toMatchObject({ observer_id: 'alice', observed_id: 'alice', level: 'explicit', source_ids: [], times_derived: 1 });
    const capped = await json(await query({ query: 'P-7731-Q', top_k: 1, distance: 0, filters: { observer: 'alice', observed: 'alice' } }));
    expect(capped.map((c: { content: string }) => c.content)).toEqual(['alice keeps her passport number P-7731-Q in a drawer']);
  });

  it('answers the same view through plain names, names inside operators and a peer that does not exist', async () => {
    const viaOperators = await json(await query({ query: 'P-7731-Q', filters: { observer_id: { in: ['bob'] }, observed_id: 'alice' } }));
    expect(viaOperators.map((c: { content: string }) => c.content)).toEqual(['bob thinks alice has P-7731-Q']);
    const plain = await json(await query({ query: 'P-7731-Q', filters: { observer_id: 'bob', observed: 'alice' } }));
    expect(plain).toEqual(viaOperators);
    // A plain name and its alias that disagree select nothing, as the filter says.
    expect(await json(await query({ query: 'P-7731-Q', filters: { observer_id: 'bob', observer: 'alice', observed_id: 'alice' } }))).toEqual([]);
    const unknown = await query({ query: 'P-7731-Q', filters: { observer_id: 'nobody', observed_id: 'alice' } });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual([]);
  });

  it('422 unless the filters name observer and observed; 422 for bad top_k and distance', async () => {
    const missing = await query({ query: 'x', filters: { observer_id: 'alice' } });
    expect(await invalid(missing.clone())).toEqual(['body.filters']);
    expect((await missing.json()).detail).toMatch(/observer and the observed/);
    expect(await invalid(await query({ query: 'x' }))).toEqual(['body.filters']);
    expect(await invalid(await query({ query: 'x', top_k: 0, filters: { observer_id: 'a', observed_id: 'a' } }))).toEqual(['body.top_k']);
    expect(await invalid(await query({ query: 'x', distance: 1.5, filters: { observer_id: 'a', observed_id: 'a' } }))).toEqual(['body.distance']);
    expect(await json(await call('POST', `/v3/workspaces/${uniqueId('none')}/conclusions/query`, {
      query: 'x', filters: { observer_id: 'a', observed_id: 'a' },
    }))).toEqual([]);
  });
});

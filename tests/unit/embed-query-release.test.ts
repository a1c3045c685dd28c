// A search's query embedding must let go of the request once it is done. Node keeps a combined abort signal
// (AbortSignal.any of the request's signal and the embedding deadline) alive for as long as it has an abort listener
// and has not aborted, and the listener's promise carries the async context it was made in, which in a route
// handler is the request and its response. A soak run of the production server retained one request per search
// along exactly that path until the listener was released. Here each call runs in its own async context whose store
// stands in for the request; after the calls and full collections none of the stores may still be alive.
import v8 from 'node:v8';
import vm from 'node:vm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import type { Embedder } from '@/server/models/engine-types';
import { embedQuery } from '@/server/services/search/embed-query';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const CALLS = 50;

/** Answers at once, as the local embedder does; remembers nothing of what it was given. */
const instantEmbedder: Embedder = {
  engine: 'test:instant',
  dimensions: 3,
  maxInputTokens: 1000,
  embed: async (texts) => texts.map(() => [0.1, 0.2, 0.3]),
};

/** Collects until the count of live references stops falling (finalization needs turns of the event loop). */
async function liveAfterCollection(refs: readonly WeakRef<object>[]): Promise<number> {
  let live = refs.length;
  for (let round = 0; round < 10; round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    live = refs.filter((ref) => ref.deref() !== undefined).length;
    if (live <= 1) break;
  }
  return live;
}

describe('embedQuery releases the request', () => {
  it('keeps no request context alive after searches that ended normally', async () => {
    const context = new AsyncLocalStorage<{ request: Uint8Array }>();
    const stores: WeakRef<object>[] = [];
    const clients: AbortController[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      const store = { request: new Uint8Array(64 * 1024) };
      stores.push(new WeakRef(store));
      // The client's signal outlives the call, as a keep-alive request's does while its socket is open.
      const client = new AbortController();
      clients.push(client);
      const vector = await context.run(store, () => embedQuery(`question ${i}`, instantEmbedder, { signal: client.signal, timeoutMs: 60_000 }));
      expect(vector).toEqual([0.1, 0.2, 0.3]);
    }
    expect(await liveAfterCollection(stores)).toBeLessThanOrEqual(1);
    expect(clients).toHaveLength(CALLS);
  });

  it('still gives up at the deadline and then releases too', async () => {
    const context = new AsyncLocalStorage<{ request: Uint8Array }>();
    const stores: WeakRef<object>[] = [];
    const hanging: Embedder = { ...instantEmbedder, embed: () => new Promise<number[][]>(() => {}) };
    const client = new AbortController();
    for (let i = 0; i < 5; i += 1) {
      const store = { request: new Uint8Array(64 * 1024) };
      stores.push(new WeakRef(store));
      const vector = await context.run(store, () => embedQuery(`question ${i}`, hanging, { signal: client.signal, timeoutMs: 5 }));
      expect(vector).toBeNull();
    }
    expect(await liveAfterCollection(stores)).toBeLessThanOrEqual(1);
  });
});

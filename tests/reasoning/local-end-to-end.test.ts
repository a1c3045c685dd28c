// End to end with the offline engines and the official SDK: alice says "I moved to Lisbon last week and
// started working as a nurse", bob asks a question; after the worker runs, alice's conclusions say so (visible through
// `peer.conclusions.list()`), and nothing is concluded about bob from his question.
import { Honcho } from '@honcho-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { setModelEnginesForTesting } from '@/server/models';
import { APP_BASE_URL, installAppFetch } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { runWorker, unique, workItemsOf } from './reasoning-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(() => {
  installAppFetch();
  setModelEnginesForTesting(null);
});

describe('derivation with the local engines', () => {
  it('derives facts about alice from her statement and nothing about bob from his question', async () => {
    const workspaceId = unique('e2e');
    const honcho = new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });
    const session = await honcho.session('chat');
    const alice = await honcho.peer('alice');
    const bob = await honcho.peer('bob');
    await session.addMessages([
      alice.message('I moved to Lisbon last week and started working as a nurse', { createdAt: '2026-03-10T09:00:00Z' }),
      bob.message('Oh nice, how do you like the city so far?', { createdAt: '2026-03-10T09:01:00Z' }),
    ]);
    await runWorker();

    const page = await alice.conclusions.list();
    const facts = page.items.map((c) => c.content);
    expect(facts.some((f) => /alice/i.test(f) && /Lisbon/.test(f))).toBe(true);
    expect(facts.some((f) => /alice/i.test(f) && /nurse/.test(f))).toBe(true);
    for (const conclusion of page.items) {
      expect(conclusion).toMatchObject({ observerId: 'alice', observedId: 'alice', sessionId: 'chat', level: 'explicit', timesDerived: 1 });
    }
    expect((await bob.conclusions.list()).items).toEqual([]);
    expect((await honcho.conclusions.list({ filters: { observed_id: 'bob' } })).items).toEqual([]);
    expect((await workItemsOf(workspaceId, 'derivation')).map((i) => i.status)).toEqual(['completed', 'completed']);

    // The facts are embedded and their views are ready for the dream scheduler.
    const ids = page.items.map((c) => c.id);
    expect(await getDb().conclusionEmbedding.count({ where: { conclusionId: { in: ids } } })).toBe(ids.length);
    const view = await getDb().peerView.findFirstOrThrow({ where: { workspace: { name: workspaceId }, observer: { name: 'alice' } } });
    expect(view.explicitSinceDream).toBe(ids.length);
    expect(view.lastObservedActivity?.toISOString()).toBe('2026-03-10T09:00:00.000Z');
  });
});

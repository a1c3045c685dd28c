// The official @honcho-ai/sdk 2.5.0, unchanged, against Rapport's conclusion routes (in-process, real database):
// create, list (view-scoped and workspace-wide), get, getMany, derived(id) and delete.
import { Honcho, NotFoundError, UnprocessableEntityError } from '@honcho-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { writeConclusions } from '@/server/services/conclusions/write-conclusions';
import { APP_BASE_URL, installAppFetch } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(() => installAppFetch());

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;

describe('conclusions through the SDK', () => {
  it('creates, lists, reads and deletes conclusions in a view', async () => {
    const honcho = new Honcho({ baseURL: APP_BASE_URL, workspaceId: unique('sdkc'), maxRetries: 0 });
    const alice = await honcho.peer('alice');
    const bob = await honcho.peer('bob');
    const session = await honcho.session('chat');
    await session.addPeers([alice, bob]);

    const created = await alice.conclusionsOf(bob).create([
      { content: 'bob likes jazz', sessionId: 'chat' },
      { content: 'bob lives in Oslo' },
    ]);
    expect(created.map((c) => [c.content, c.observerId, c.observedId, c.sessionId, c.level, c.timesDerived])).toEqual([
      ['bob likes jazz', 'alice', 'bob', 'chat', 'explicit', 1],
      ['bob lives in Oslo', 'alice', 'bob', null, 'explicit', 1],
    ]);
    const [own] = await alice.conclusions.create({ content: 'alice plays chess' });

    const view = await alice.conclusionsOf(bob).list();
    // Both were created by one request, so they share created_at: newest-first leaves their mutual order open.
    expect(view.items.map((c) => c.content).sort()).toEqual(['bob likes jazz', 'bob lives in Oslo']);
    expect((await alice.conclusionsOf(bob).list({ session: 'chat' })).items.map((c) => c.content)).toEqual(['bob likes jazz']);
    expect((await alice.conclusions.list()).items.map((c) => c.id)).toEqual([own!.id]);
    expect((await honcho.conclusions.list()).items).toHaveLength(3);

    const got = await alice.conclusionsOf(bob).get(created[0]!.id);
    expect(got).toMatchObject({ id: created[0]!.id, content: 'bob likes jazz', sourceIds: [] });
    // The SDK checks the view client-side: alice's own conclusion is not part of her view of bob.
    await expect(alice.conclusionsOf(bob).get(own!.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await honcho.conclusions.getMany([own!.id, created[1]!.id, 'missing-id'])).map((c) => c.id).sort()).toEqual(
      [own!.id, created[1]!.id].sort(),
    );

    await alice.conclusionsOf(bob).delete(created[0]!.id);
    await expect(honcho.conclusions.get(created[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(alice.conclusionsOf(bob).delete(created[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await alice.conclusionsOf(bob).list()).items.map((c) => c.content)).toEqual(['bob lives in Oslo']);
  });

  it('finds derived conclusions by source and reports validation errors', async () => {
    const workspaceId = unique('sdkd');
    const honcho = new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });
    const alice = await honcho.peer('alice');
    const [premise] = await alice.conclusions.create({ content: 'alice moved to Lisbon' });
    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: workspaceId } });
    const peer = await db.peer.findFirstOrThrow({ where: { workspaceId: workspace.id, name: 'alice' } });
    const [deduction] = await db.$transaction((tx) =>
      writeConclusions(tx, workspace.id, [{
        observerId: peer.id, observedId: peer.id, sessionId: null, level: 'deductive', origin: 'dream',
        content: 'alice lives in Portugal', sourceIds: [premise!.id], embedding: null,
      }], { dedupe: true }),
    );
    const derived = await alice.conclusions.derived(premise!.id);
    expect(derived.items.map((c) => [c.id, c.level, c.sourceIds])).toEqual([[deduction!.id, 'deductive', [premise!.id]]]);
    expect((await alice.conclusions.derived(deduction!.id)).items).toEqual([]);

    await expect(alice.conclusions.create({ content: 'x'.repeat(65_536) })).rejects.toBeInstanceOf(UnprocessableEntityError);
    await expect(alice.conclusionsOf('nobody').create({ content: 'hi' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

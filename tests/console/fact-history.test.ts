// Editing a fact and reading its history through tRPC. An edit is a new fact that supersedes the old (the old stays,
// marked superseded, which chat recall and search skip); the history lists the chain's derivations, reinforcements,
// supersessions, edits and recorded deletions in time order. Edits of replaced, unknown or foreign facts are refused.
import { TRPCError } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { listConclusions } from '@/server/services/conclusions/list-conclusions';
import { createMessages } from '@/server/services/messages/create-messages';
import { getOrCreateSession } from '@/server/services/sessions/get-or-create-session';
import { createCaller } from '@/server/trpc/app-router';
import { runWorker } from '../reasoning/reasoning-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { newAccount, unique } from './console-fixtures';

provideTestDatabase();
vi.setConfig({ testTimeout: 180_000 });

const caller = (userId: string | null) => createCaller({ db: getDb(), session: userId ? { userId } : null, ip: '198.51.100.6' });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

async function factApp() {
  const owner = await newAccount('owner');
  const api = caller(owner.userId);
  const app = unique('fact-app');
  await api.apps.create({ id: app });
  await getOrCreateSession(app, { id: 'chat', peers: { alice: {} } });
  const [message] = await createMessages({ workspace: app, session: 'chat' }, [{ peer_id: 'alice', content: 'I moved to Lisbon last week' }]);
  await runWorker();
  const list = await api.facts.list({ app, observed: 'alice' });
  const fact = list.items.find((f) => /Lisbon/.test(f.content));
  if (!fact) throw new Error('the deriver wrote no fact about Lisbon');
  return { owner, api, app, fact, message: message! };
}

describe('editing a fact', () => {
  it('creates a new fact that supersedes the old, keeping the old in the history and the sources on the new', async () => {
    const { api, app, fact, message, owner } = await factApp();
    const edited = await api.facts.edit({ app, id: fact.id, content: '  alice lives in Porto  ' });
    expect(edited.replaced).toBe(fact.id);
    expect(edited.id).not.toBe(fact.id);

    const list = await api.facts.list({ app, observed: 'alice' });
    const old = list.items.find((f) => f.id === fact.id)!;
    const fresh = list.items.find((f) => f.id === edited.id)!;
    expect(old.supersededBy).toEqual({ id: edited.id, content: 'alice lives in Porto' });
    expect(fresh).toMatchObject({ content: 'alice lives in Porto', supersededAt: null, level: fact.level, observer: fact.observer, session: 'chat', messageCount: 1 });
    const provenance = await api.facts.provenance({ app, id: edited.id });
    expect(provenance.messages.map((m) => m.id)).toEqual([message.id]);

    // The wire lists the new fact; the old one is superseded in storage, the mark recall and search skip.
    const wire = await listConclusions(app, { observed_id: 'alice' }, { page: 1, size: 50 });
    expect(wire.items.find((c) => c.id === edited.id)?.content).toBe('alice lives in Porto');
    const stored = await getDb().conclusion.findUniqueOrThrow({ where: { id: fact.id } });
    expect(stored.supersededById).toBe(edited.id);
    expect(stored.supersededAt).not.toBeNull();

    const history = await api.facts.history({ app, id: edited.id });
    expect(history.chain).toEqual([fact.id, edited.id]);
    expect(history.events.map((e) => [e.kind, e.fact])).toEqual([
      ['derived', fact.id],
      ['edited', edited.id],
      ['superseded', fact.id],
    ]);
    expect(history.events[2]).toMatchObject({ by: edited.id, byExists: true });
    // The same history from the old fact's side.
    expect((await api.facts.history({ app, id: fact.id })).events).toEqual(history.events);

    const audit = await getDb().auditEvent.findMany({ where: { actorUserId: owner.userId, action: 'conclusion.edited' } });
    expect(audit.map((e) => [e.target, (e.details as { replaced_by?: string }).replaced_by])).toEqual([[fact.id, edited.id]]);
  });

  it('shows a deleted replacement with who deleted it, and reinforcements', async () => {
    const { api, app, fact, owner } = await factApp();
    const edited = await api.facts.edit({ app, id: fact.id, content: 'alice lives in Porto' });
    await api.facts.delete({ app, id: edited.id });
    const history = await api.facts.history({ app, id: fact.id });
    expect(history.events.map((e) => e.kind)).toEqual(['derived', 'superseded', 'deleted']);
    expect(history.events[1]).toMatchObject({ by: edited.id, byExists: false });
    expect(history.events[2]).toMatchObject({ fact: edited.id, by: owner.email });

    await getDb().conclusion.update({ where: { id: fact.id }, data: { timesDerived: 3 } });
    const reinforced = await api.facts.history({ app, id: fact.id });
    expect(reinforced.events.find((e) => e.kind === 'reinforced')).toMatchObject({ fact: fact.id, times: 2 });
  });

  it('refuses replaced, unknown and foreign facts, unchanged and empty text', async () => {
    const { api, app, fact } = await factApp();
    expect(await codeOf(api.facts.edit({ app, id: fact.id, content: fact.content }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.facts.edit({ app, id: fact.id, content: '   ' }))).toBe('BAD_REQUEST');
    await api.facts.edit({ app, id: fact.id, content: 'alice lives in Porto' });
    expect(await codeOf(api.facts.edit({ app, id: fact.id, content: 'alice lives in Faro' }))).toBe('CONFLICT');
    expect(await codeOf(api.facts.edit({ app, id: 'nope', content: 'x' }))).toBe('NOT_FOUND');
    expect(await codeOf(api.facts.history({ app, id: 'nope' }))).toBe('NOT_FOUND');
    const stranger = caller((await newAccount('stranger')).userId);
    expect(await codeOf(stranger.facts.edit({ app, id: fact.id, content: 'x' }))).toBe('NOT_FOUND');
    expect(await codeOf(stranger.facts.history({ app, id: fact.id }))).toBe('NOT_FOUND');
    expect(await codeOf(caller(null).facts.history({ app, id: fact.id }))).toBe('UNAUTHORIZED');
  });
});

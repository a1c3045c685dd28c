// The console's scopes through tRPC: the list with member counts, one scope's sessions with their backfill state
// (pending until the worker copies the session in, then completed with the count), adding and removing sessions
// (owners only; members read; other organizations see nothing), and asking the playground through a scope.
import { TRPCError } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { createMessages } from '@/server/services/messages/create-messages';
import { getOrCreateScope } from '@/server/services/scopes/get-or-create-scope';
import { getOrCreateSession } from '@/server/services/sessions/get-or-create-session';
import { createCaller } from '@/server/trpc/app-router';
import { runWorker } from '../reasoning/reasoning-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { newAccount, unique } from './console-fixtures';

provideTestDatabase();
vi.setConfig({ testTimeout: 180_000 });

const caller = (userId: string | null) => createCaller({ db: getDb(), session: userId ? { userId } : null, ip: '198.51.100.7' });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

/** An app with a member account, a session `chat` where alice spoke about herself, and an empty session `quiet`. */
async function scopedApp() {
  const owner = await newAccount('owner');
  const ownerApi = caller(owner.userId);
  const app = unique('scope-app');
  await ownerApi.apps.create({ id: app });
  const invitation = await ownerApi.members.invite({ app, email: `${unique('member')}@example.test`, role: 'member' });
  const token = invitation.path.split('/').at(-1)!;
  await caller(null).invitations.signUp({ token, password: 'member password 1', name: 'Mem' });
  const member = await getDb().user.findUniqueOrThrow({ where: { email: invitation.email } });
  await getOrCreateSession(app, { id: 'chat', peers: { alice: {}, bot: {} } });
  await getOrCreateSession(app, { id: 'quiet', peers: { alice: {} } });
  await createMessages({ workspace: app, session: 'chat' }, [{ peer_id: 'alice', content: 'I moved to Lisbon last week and I work as a nurse' }]);
  await runWorker();
  await getOrCreateScope(app, { id: 'therapy', metadata: { topic: 'care' } });
  return { owner, ownerApi, app, memberApi: caller(member.id), outsiderApi: caller((await newAccount('outsider')).userId) };
}

describe('scopes', () => {
  it('lists scopes, adds sessions with backfill state the worker completes, and removes them', async () => {
    const { ownerApi, app, owner } = await scopedApp();
    expect(await ownerApi.scopes.list({ app })).toEqual([
      { id: 'therapy', metadata: { topic: 'care' }, createdAt: expect.any(String), sessionCount: 0, pending: 0, failed: 0 },
    ]);

    await ownerApi.scopes.addSessions({ app, scope: 'therapy', sessions: ['chat', 'quiet'] });
    const added = await ownerApi.scopes.get({ app, scope: 'therapy' });
    expect(added.canManage).toBe(true);
    expect(added.sessions.map((s) => [s.id, s.messageCount, s.backfill?.state])).toEqual([
      ['chat', 1, 'pending'],
      ['quiet', 0, 'completed'],
    ]);
    expect((await ownerApi.scopes.list({ app }))[0]).toMatchObject({ sessionCount: 2, pending: 1 });

    await runWorker();
    const copied = await ownerApi.scopes.get({ app, scope: 'therapy' });
    const chat = copied.sessions.find((s) => s.id === 'chat')!;
    expect(chat.backfill).toMatchObject({ state: 'completed' });
    expect(chat.backfill!.docsCopied).toBeGreaterThan(0);
    // The scope's facts are the facts the console lists with the scope as observer.
    const facts = await ownerApi.facts.list({ app, scope: 'therapy' });
    expect(facts.total).toBe(chat.backfill!.docsCopied);

    await ownerApi.scopes.removeSession({ app, scope: 'therapy', session: 'chat' });
    const removing = await ownerApi.scopes.get({ app, scope: 'therapy' });
    expect(removing.sessions.map((s) => s.id)).toEqual(['quiet']);
    expect(removing.removing).toEqual([{ id: 'chat', state: 'pending', updatedAt: expect.any(String) }]);
    await runWorker();
    const removed = await ownerApi.scopes.get({ app, scope: 'therapy' });
    expect(removed.removing).toEqual([]);
    expect((await ownerApi.facts.list({ app, scope: 'therapy' })).total).toBe(0);

    const actions = await getDb().auditEvent.findMany({ where: { actorUserId: owner.userId, action: { startsWith: 'scope.' } }, orderBy: { createdAt: 'asc' } });
    expect(actions.map((e) => [e.action, e.target])).toEqual([
      ['scope.sessions_added', 'therapy'],
      ['scope.session_removed', 'therapy'],
    ]);
  });

  it('refuses unknown scopes and sessions (adding nothing) and malformed ids', async () => {
    const { ownerApi, app } = await scopedApp();
    expect(await codeOf(ownerApi.scopes.get({ app, scope: 'nope' }))).toBe('NOT_FOUND');
    expect(await codeOf(ownerApi.scopes.addSessions({ app, scope: 'nope', sessions: ['chat'] }))).toBe('NOT_FOUND');
    expect(await codeOf(ownerApi.scopes.addSessions({ app, scope: 'therapy', sessions: ['chat', 'missing'] }))).toBe('NOT_FOUND');
    expect((await ownerApi.scopes.get({ app, scope: 'therapy' })).sessions).toEqual([]);
    expect(await codeOf(ownerApi.scopes.removeSession({ app, scope: 'therapy', session: 'missing' }))).toBe('NOT_FOUND');
    expect(await codeOf(ownerApi.scopes.get({ app, scope: 'scope.therapy' }))).toBe('BAD_REQUEST');
    expect(await codeOf(ownerApi.scopes.addSessions({ app, scope: 'therapy', sessions: [] }))).toBe('BAD_REQUEST');
    expect(await codeOf(ownerApi.facts.list({ app, scope: 'nope' }))).toBe('NOT_FOUND');
  });

  it('members read scopes but only owners change them; other organizations and signed-out callers reach nothing', async () => {
    const { memberApi, outsiderApi, app } = await scopedApp();
    expect((await memberApi.scopes.list({ app })).map((s) => s.id)).toEqual(['therapy']);
    expect(await memberApi.scopes.get({ app, scope: 'therapy' })).toMatchObject({ id: 'therapy', canManage: false });
    expect(await codeOf(memberApi.scopes.addSessions({ app, scope: 'therapy', sessions: ['chat'] }))).toBe('FORBIDDEN');
    expect(await codeOf(memberApi.scopes.removeSession({ app, scope: 'therapy', session: 'chat' }))).toBe('FORBIDDEN');
    for (const api of [outsiderApi, caller(null)]) {
      const expected = api === outsiderApi ? 'NOT_FOUND' : 'UNAUTHORIZED';
      expect(await codeOf(api.scopes.list({ app }))).toBe(expected);
      expect(await codeOf(api.scopes.get({ app, scope: 'therapy' }))).toBe(expected);
      expect(await codeOf(api.scopes.addSessions({ app, scope: 'therapy', sessions: ['chat'] }))).toBe(expected);
      expect(await codeOf(api.scopes.removeSession({ app, scope: 'therapy', session: 'chat' }))).toBe(expected);
    }
    expect(await getDb().scopeBackfill.count({ where: { workspace: { name: app } } })).toBe(0);
  });

  it('asks the playground through a scope: the scope answers, from its sessions only', async () => {
    const { ownerApi, app } = await scopedApp();
    await ownerApi.scopes.addSessions({ app, scope: 'therapy', sessions: ['chat'] });
    await runWorker();
    const events = [];
    for await (const event of await ownerApi.playground.ask({ app, peer: 'alice', scope: 'therapy', query: 'Where does alice live?' })) events.push(event);
    expect(events[0]).toMatchObject({ type: 'start', observer: 'alice', target: 'alice', scope: 'therapy' });
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done event');
    expect(done.evidence.conclusions.some((c) => /Lisbon/.test(c.content))).toBe(true);
    expect(await codeOf(ownerApi.playground.ask({ app, peer: 'alice', scope: 'therapy', session: 'chat', query: 'hi' }))).toBe('BAD_REQUEST');
  });
});

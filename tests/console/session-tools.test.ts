// The session page's tools through tRPC: the context preview (the REST context service, for a budget, a peer and a
// scope), the facts derived from one message, and deleting one message (with the facts derived only from it, and
// an audit record). Unknown sessions, peers, scopes and messages are NOT_FOUND; other organizations see nothing.
import { TRPCError } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { getSessionContext } from '@/server/services/context/get-session-context';
import { createMessages } from '@/server/services/messages/create-messages';
import { getOrCreateScope } from '@/server/services/scopes/get-or-create-scope';
import { getOrCreateSession } from '@/server/services/sessions/get-or-create-session';
import { createCaller } from '@/server/trpc/app-router';
import { runWorker } from '../reasoning/reasoning-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { newAccount, unique } from './console-fixtures';

provideTestDatabase();
vi.setConfig({ testTimeout: 180_000 });

const caller = (userId: string | null) => createCaller({ db: getDb(), session: userId ? { userId } : null, ip: '198.51.100.8' });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

async function sessionApp() {
  const owner = await newAccount('owner');
  const api = caller(owner.userId);
  const app = unique('ctx-app');
  await api.apps.create({ id: app });
  await getOrCreateSession(app, { id: 'chat', peers: { alice: {}, bot: {} } });
  const messages = await createMessages({ workspace: app, session: 'chat' }, [
    { peer_id: 'bot', content: 'Hello! How are you settling in?' },
    { peer_id: 'alice', content: 'I moved to Lisbon last week and started working as a nurse' },
    { peer_id: 'bot', content: 'That sounds exciting. How is the new job going so far?' },
  ]);
  await runWorker();
  return { owner, api, app, messages };
}

describe('context preview', () => {
  it('returns what the context route returns for the same budget and peer, with the tokens each part took', async () => {
    const { api, app, messages } = await sessionApp();
    const full = await api.sessions.context({ app, session: 'chat', tokens: 10_000, peer: 'alice' });
    const wire = await getSessionContext({ kind: 'workspace', workspace: app }, { workspace: app, session: 'chat' }, { tokens: 10_000, peer_target: 'alice', summary: true });
    expect({ ...full, messageTokens: undefined, summaryTokens: undefined }).toEqual({ ...wire, messageTokens: undefined, summaryTokens: undefined });
    expect(full.messages.map((m) => m.id)).toEqual(messages.map((m) => m.id));
    expect(full.messageTokens).toBe(messages.reduce((sum, m) => sum + m.token_count, 0));
    expect(full.peer_representation).toMatch(/Lisbon/);

    // A tight budget keeps only the most recent message that fits; no peer means no representation.
    const last = messages.at(-1)!;
    const tight = await api.sessions.context({ app, session: 'chat', tokens: last.token_count });
    expect(tight.messages.map((m) => m.id)).toEqual([last.id]);
    expect(tight.peer_representation).toBeNull();
  });

  it('reads through a scope, and refuses unknown sessions, peers and scopes and bad budgets', async () => {
    const { api, app } = await sessionApp();
    await getOrCreateScope(app, { id: 'care' });
    const scoped = await api.sessions.context({ app, session: 'chat', peer: 'alice', scope: 'care' });
    // The scope holds nothing yet: its view of alice is empty while the messages are the session's.
    expect(scoped.peer_representation ?? '').not.toMatch(/Lisbon/);
    expect(scoped.messages.length).toBe(3);
    expect(await codeOf(api.sessions.context({ app, session: 'nope' }))).toBe('NOT_FOUND');
    expect(await codeOf(api.sessions.context({ app, session: 'chat', peer: 'ghost' }))).toBe('NOT_FOUND');
    expect(await codeOf(api.sessions.context({ app, session: 'chat', peer: 'alice', scope: 'nope' }))).toBe('NOT_FOUND');
    expect(await codeOf(api.sessions.context({ app, session: 'chat', scope: 'care' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.sessions.context({ app, session: 'chat', tokens: 0 }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.sessions.context({ app, session: 'chat', tokens: 100_001 }))).toBe('BAD_REQUEST');
  });
});

describe('message tools', () => {
  it('lists the facts derived from a message, and deletes a message with the facts derived only from it', async () => {
    const { api, app, messages, owner } = await sessionApp();
    const said = messages[1]!;
    const facts = await api.sessions.messageFacts({ app, session: 'chat', message: said.id });
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((f) => f.observed === 'alice')).toBe(true);
    expect(facts.some((f) => /Lisbon/.test(f.content))).toBe(true);

    await api.sessions.deleteMessage({ app, session: 'chat', message: said.id });
    expect((await api.sessions.messages({ app, session: 'chat' })).items.map((m) => m.id)).not.toContain(said.id);
    const remaining = await getDb().conclusion.count({ where: { id: { in: facts.map((f) => f.id) } } });
    expect(remaining).toBe(0);
    const audit = await getDb().auditEvent.findMany({ where: { actorUserId: owner.userId, action: 'message.deleted' } });
    expect(audit.map((e) => e.target)).toEqual([`chat/${said.id}`]);

    expect(await codeOf(api.sessions.deleteMessage({ app, session: 'chat', message: said.id }))).toBe('NOT_FOUND');
    expect(await codeOf(api.sessions.messageFacts({ app, session: 'chat', message: said.id }))).toBe('NOT_FOUND');
    // A message addressed through the wrong session is not found either.
    await getOrCreateSession(app, { id: 'other', peers: { alice: {} } });
    expect(await codeOf(api.sessions.deleteMessage({ app, session: 'other', message: messages[0]!.id }))).toBe('NOT_FOUND');
  });

  it('refuses other organizations and signed-out callers', async () => {
    const { app, messages } = await sessionApp();
    const stranger = caller((await newAccount('stranger')).userId);
    const message = messages[0]!.id;
    for (const [api, code] of [
      [stranger, 'NOT_FOUND'],
      [caller(null), 'UNAUTHORIZED'],
    ] as const) {
      expect(await codeOf(api.sessions.context({ app, session: 'chat' }))).toBe(code);
      expect(await codeOf(api.sessions.messageFacts({ app, session: 'chat', message }))).toBe(code);
      expect(await codeOf(api.sessions.deleteMessage({ app, session: 'chat', message }))).toBe(code);
    }
    expect(await getDb().message.count({ where: { id: message } })).toBe(1);
  });
});

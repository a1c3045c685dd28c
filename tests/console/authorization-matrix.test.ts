// Who may call which console procedure, generated from the router: every procedure of `appRouter` needs a row in
// MATRIX (the type demands it and the first test compares the lists at run time), so a new procedure cannot ship
// without its access rule being tested. Each row names the rule and an input that gets past validation; the test
// calls the procedure as a signed-out visitor, an account outside the app's organization, a member and an owner.
import type { AnyProcedure } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setModelEnginesForTesting } from '@/server/models';
import { appRouter, type AppRouter } from '@/server/trpc/app-router';
import { provideTestDatabase } from '../support/test-database';
import { caller, team, unique, type Api } from './console-fixtures';

provideTestDatabase();
vi.setConfig({ testTimeout: 180_000 });
beforeAll(() => setModelEnginesForTesting(null));

/** Dotted paths of every procedure in a router record. */
type Paths<R, P extends string = ''> = {
  [K in keyof R & string]: R[K] extends AnyProcedure ? `${P}${K}` : Paths<R[K], `${P}${K}.`>;
}[keyof R & string];
type ProcedurePath = Paths<AppRouter['_def']['record']>;

/**
 * - public: anyone, signed in or not;
 * - account: any signed-in account;
 * - owner: an owner of the caller's own organization (a member who joined someone else's has none to create apps in);
 * - app: accounts in the app's organization; anyone else is told the app does not exist;
 * - manager: owners of the app's organization; members are refused, anyone else is told the app does not exist.
 */
type Rule = 'public' | 'account' | 'owner' | 'app' | 'manager';
type Fixture = { app: string; ownerId: string };
type Row = { rule: Rule; call: (api: Api, f: Fixture) => Promise<unknown> };

const token = 'T'.repeat(43);
const MATRIX: Record<ProcedurePath, Row> = {
  'account.setupState': { rule: 'public', call: (api) => api.account.setupState() },
  'account.createFirstAccount': { rule: 'public', call: (api) => api.account.createFirstAccount({ email: `${unique('first')}@example.test`, password: 'first password 1' }) },
  'account.current': { rule: 'public', call: (api) => api.account.current() },
  'account.changePassword': { rule: 'account', call: (api) => api.account.changePassword({ currentPassword: 'not the password', newPassword: 'another password 2' }) },
  'account.me': { rule: 'account', call: (api) => api.account.me() },
  'system.status': { rule: 'account', call: (api) => api.system.status() },
  'apps.list': { rule: 'account', call: (api) => api.apps.list() },
  'apps.get': { rule: 'app', call: (api, f) => api.apps.get({ id: f.app }) },
  'apps.create': { rule: 'owner', call: (api) => api.apps.create({ id: unique('matrix-app') }) },
  'apps.rename': { rule: 'manager', call: (api, f) => api.apps.rename({ id: f.app, displayName: 'Renamed' }) },
  // A wrong confirmation makes the call fail after the access checks, so the matrix's app survives it.
  'apps.delete': { rule: 'manager', call: (api, f) => api.apps.delete({ id: f.app, confirm: 'not the app id' }) },
  'keys.list': { rule: 'app', call: (api, f) => api.keys.list({ app: f.app }) },
  'keys.create': { rule: 'manager', call: (api, f) => api.keys.create({ app: f.app, name: 'matrix key', scope: 'workspace' }) },
  'keys.revoke': { rule: 'manager', call: (api, f) => api.keys.revoke({ app: f.app, keyId: 'no-such-key' }) },
  'audit.list': { rule: 'account', call: (api) => api.audit.list({}) },
  'overview.get': { rule: 'app', call: (api, f) => api.overview.get({ app: f.app }) },
  'peers.list': { rule: 'app', call: (api, f) => api.peers.list({ app: f.app }) },
  'peers.get': { rule: 'app', call: (api, f) => api.peers.get({ app: f.app, peer: 'nobody' }) },
  'peers.sessions': { rule: 'app', call: (api, f) => api.peers.sessions({ app: f.app, peer: 'nobody' }) },
  'peers.saveCard': { rule: 'app', call: (api, f) => api.peers.saveCard({ app: f.app, peer: 'nobody', entries: ['x'] }) },
  'peers.export': { rule: 'app', call: (api, f) => api.peers.export({ app: f.app, peer: 'nobody' }) },
  'peers.delete': { rule: 'app', call: (api, f) => api.peers.delete({ app: f.app, peer: 'nobody' }) },
  'sessions.list': { rule: 'app', call: (api, f) => api.sessions.list({ app: f.app }) },
  'sessions.get': { rule: 'app', call: (api, f) => api.sessions.get({ app: f.app, session: 'nowhere' }) },
  'sessions.messages': { rule: 'app', call: (api, f) => api.sessions.messages({ app: f.app, session: 'nowhere' }) },
  'sessions.context': { rule: 'app', call: (api, f) => api.sessions.context({ app: f.app, session: 'nowhere' }) },
  'sessions.messageFacts': { rule: 'app', call: (api, f) => api.sessions.messageFacts({ app: f.app, session: 'nowhere', message: 'no-such-message' }) },
  'sessions.deleteMessage': { rule: 'app', call: (api, f) => api.sessions.deleteMessage({ app: f.app, session: 'nowhere', message: 'no-such-message' }) },
  'sessions.delete': { rule: 'app', call: (api, f) => api.sessions.delete({ app: f.app, session: 'nowhere' }) },
  'search.run': { rule: 'app', call: (api, f) => api.search.run({ app: f.app, q: 'Lisbon' }) },
  'settings.get': { rule: 'app', call: (api, f) => api.settings.get({ app: f.app }) },
  'settings.update': {
    rule: 'manager',
    call: async (api, f) => api.settings.update({ app: f.app, ...(await caller(f.ownerId).settings.get({ app: f.app })) }),
  },
  'facts.list': { rule: 'app', call: (api, f) => api.facts.list({ app: f.app }) },
  'facts.provenance': { rule: 'app', call: (api, f) => api.facts.provenance({ app: f.app, id: 'no-such-fact' }) },
  'facts.history': { rule: 'app', call: (api, f) => api.facts.history({ app: f.app, id: 'no-such-fact' }) },
  'facts.edit': { rule: 'app', call: (api, f) => api.facts.edit({ app: f.app, id: 'no-such-fact', content: 'Lives in Porto' }) },
  'facts.delete': { rule: 'app', call: (api, f) => api.facts.delete({ app: f.app, id: 'no-such-fact' }) },
  'facts.representation': { rule: 'app', call: (api, f) => api.facts.representation({ app: f.app, peer: 'nobody' }) },
  'scopes.list': { rule: 'app', call: (api, f) => api.scopes.list({ app: f.app }) },
  'scopes.get': { rule: 'app', call: (api, f) => api.scopes.get({ app: f.app, scope: 'no-such-scope' }) },
  'scopes.addSessions': { rule: 'manager', call: (api, f) => api.scopes.addSessions({ app: f.app, scope: 'no-such-scope', sessions: ['nowhere'] }) },
  'scopes.removeSession': { rule: 'manager', call: (api, f) => api.scopes.removeSession({ app: f.app, scope: 'no-such-scope', session: 'nowhere' }) },
  'usage.summary': { rule: 'app', call: (api, f) => api.usage.summary({ app: f.app }) },
  'usage.requests': { rule: 'app', call: (api, f) => api.usage.requests({ app: f.app }) },
  'playground.ask': { rule: 'app', call: (api, f) => firstEvent(api.playground.ask({ app: f.app, peer: 'nobody', query: 'Where?' })) },
  'queue.status': { rule: 'app', call: (api, f) => api.queue.status({ app: f.app }) },
  'queue.list': { rule: 'app', call: (api, f) => api.queue.list({ app: f.app }) },
  'queue.retry': { rule: 'app', call: (api, f) => api.queue.retry({ app: f.app, id: '1' }) },
  'queue.scheduleDream': { rule: 'app', call: (api, f) => api.queue.scheduleDream({ app: f.app, observer: 'nobody' }) },
  'webhooks.endpoints': { rule: 'app', call: (api, f) => api.webhooks.endpoints({ app: f.app }) },
  'webhooks.add': { rule: 'manager', call: (api, f) => api.webhooks.add({ app: f.app, url: 'https://hooks.example.com/matrix' }) },
  'webhooks.delete': { rule: 'manager', call: (api, f) => api.webhooks.delete({ app: f.app, endpoint: 'no-such-endpoint' }) },
  'webhooks.test': { rule: 'manager', call: (api, f) => api.webhooks.test({ app: f.app }) },
  'webhooks.deliveries': { rule: 'app', call: (api, f) => api.webhooks.deliveries({ app: f.app }) },
  'members.list': { rule: 'app', call: (api, f) => api.members.list({ app: f.app }) },
  'members.invite': { rule: 'manager', call: (api, f) => api.members.invite({ app: f.app, email: `${unique('invitee')}@example.test`, role: 'member' }) },
  'members.revokeInvitation': { rule: 'manager', call: (api, f) => api.members.revokeInvitation({ app: f.app, invitationId: 'none' }) },
  'members.changeRole': { rule: 'manager', call: (api, f) => api.members.changeRole({ app: f.app, userId: f.ownerId, role: 'member' }) },
  'members.remove': { rule: 'manager', call: (api, f) => api.members.remove({ app: f.app, userId: 'no-such-user' }) },
  'invitations.preview': { rule: 'public', call: (api) => api.invitations.preview({ token }) },
  'invitations.signUp': { rule: 'public', call: (api) => api.invitations.signUp({ token, password: 'some password 1' }) },
  'invitations.accept': { rule: 'account', call: (api) => api.invitations.accept({ token }) },
};

/** A subscription refuses before it streams; reading its first event is enough to see the refusal. */
async function firstEvent(pending: Promise<AsyncIterable<unknown>>): Promise<unknown> {
  for await (const event of await pending) return event;
  return undefined;
}

type Outcome = 'ok' | 'signed out' | 'no app' | 'forbidden' | `other ${string}`;

/** How the access layer answered: refusals are told apart from errors the procedure itself raised past it. */
async function outcome(run: Promise<unknown>, app: string): Promise<Outcome> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (error === null) return 'ok';
  if (!(error instanceof TRPCError)) throw error;
  if (error.code === 'UNAUTHORIZED' && /sign in/i.test(error.message)) return 'signed out';
  if (error.code === 'NOT_FOUND' && error.message === `App ${app} not found`) return 'no app';
  if (error.code === 'FORBIDDEN' && /only owners/i.test(error.message)) return 'forbidden';
  if (error.code === 'INTERNAL_SERVER_ERROR') throw error;
  return `other ${error.code}`;
}

const EXPECTED: Record<Rule, { anonymous: 'passes' | Outcome; outsider: 'passes' | Outcome; member: 'passes' | Outcome }> = {
  public: { anonymous: 'passes', outsider: 'passes', member: 'passes' },
  account: { anonymous: 'signed out', outsider: 'passes', member: 'passes' },
  owner: { anonymous: 'signed out', outsider: 'passes', member: 'forbidden' },
  app: { anonymous: 'signed out', outsider: 'no app', member: 'passes' },
  manager: { anonymous: 'signed out', outsider: 'no app', member: 'forbidden' },
};
const REFUSALS: readonly Outcome[] = ['signed out', 'no app', 'forbidden'];

describe('console authorization matrix', () => {
  it('has a row for every procedure of the router, and no row for a procedure that is gone', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures.length).toBeGreaterThan(40);
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  it('answers every procedure for each kind of caller as its rule says', async () => {
    const { app, owner, ownerApi, memberApi, outsiderApi } = await team();
    const f: Fixture = { app, ownerId: owner.userId };
    const callers = { anonymous: caller(null), outsider: outsiderApi, member: memberApi } as const;
    for (const [path, row] of Object.entries(MATRIX)) {
      for (const [who, api] of Object.entries(callers) as [keyof typeof callers, Api][]) {
        const expected = EXPECTED[row.rule][who];
        const got = await outcome(row.call(api, f), app);
        if (expected === 'passes') expect(REFUSALS, `${path} as ${who}: ${got}`).not.toContain(got);
        else expect(got, `${path} as ${who}`).toBe(expected);
      }
      // Owners pass every rule.
      const got = await outcome(row.call(ownerApi, f), app);
      expect(REFUSALS, `${path} as owner: ${got}`).not.toContain(got);
    }
  });
});

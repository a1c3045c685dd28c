// The console's tRPC procedures, called in-process with a fake session context: sign-in is required, the first-run
// sign-up closes after one account, domain errors arrive as the right tRPC codes (with field issues for forms), and
// one organization cannot reach another's apps or keys.
import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from '@/server/http/peer-address';
import { createCaller } from '@/server/trpc/app-router';
import { createTrpcContext } from '@/server/trpc/context';
import { issuesOf } from '@/server/trpc/domain-errors';
import { provideTestDatabase } from '../support/test-database';
import { newAccount, unique } from './console-fixtures';

provideTestDatabase();

const caller = (userId: string | null) => createCaller({ db: getDb(), session: userId ? { userId } : null, ip: '198.51.100.1' });

async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe('client address of console actions', () => {
  it('is the socket address, not a forged X-Forwarded-For (the same rule as the API and the sign-in audit)', () => {
    installPeerAddressHeader();
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: '198.51.100.8', 'x-forwarded-for': '1.1.1.1' });
    expect(createTrpcContext({ session: null, headers }).ip).toBe('198.51.100.8');
    process.env.TRUSTED_PROXIES = '198.51.100.0/24';
    try {
      expect(createTrpcContext({ session: null, headers }).ip).toBe('1.1.1.1');
    } finally {
      delete process.env.TRUSTED_PROXIES;
    }
  });
});

describe('first run', () => {
  it('offers the sign-up until the first account exists, then refuses it', async () => {
    const anonymous = caller(null);
    expect(await anonymous.account.setupState()).toEqual({ needsFirstAccount: true, githubEnabled: false });
    await anonymous.account.createFirstAccount({ email: 'first@example.test', password: 'a long password' });
    expect((await anonymous.account.setupState()).needsFirstAccount).toBe(false);
    const error = await trpcError(anonymous.account.createFirstAccount({ email: 'second@example.test', password: 'a long password' }));
    expect(error.code).toBe('CONFLICT');
  });

  it('reports invalid input with field issues', async () => {
    const error = await trpcError(caller(null).account.createFirstAccount({ email: 'x@example.test', password: 'short' }));
    expect(error.code).toBe('BAD_REQUEST');
    // What the console's forms read: the formatter's `issues`, one per field at fault, none for the valid email.
    const issues = issuesOf(error.cause) ?? [];
    expect(issues.map((i) => i.path)).toEqual(['password']);
    expect(issues[0]!.message).toMatch(/\S/);
  });
});

describe('sign-in requirement', () => {
  it('refuses every console procedure without a session', async () => {
    for (const call of [
      () => caller(null).apps.list(),
      () => caller(null).keys.list({ app: 'x' }),
      () => caller(null).audit.list({}),
      () => caller(null).system.status(),
      () => caller(null).usage.summary({ app: 'x' }),
      () => caller(null).usage.requests({ app: 'x' }),
    ]) {
      expect((await trpcError(call())).code).toBe('UNAUTHORIZED');
    }
    expect(await caller(null).account.current()).toBeNull();
  });

  it('refuses a session whose account is gone or disabled', async () => {
    expect((await trpcError(caller('no-such-user').apps.list())).code).toBe('UNAUTHORIZED');
    expect(await caller('no-such-user').account.current()).toBeNull();
    const dev = await newAccount('disabled');
    await getDb().user.update({ where: { id: dev.userId }, data: { disabledAt: new Date() } });
    expect((await trpcError(caller(dev.userId).apps.list())).code).toBe('UNAUTHORIZED');
  });
});

describe('apps and keys through tRPC', () => {
  it('create an app, a key, list and revoke it', async () => {
    const dev = await newAccount('dev');
    const api = caller(dev.userId);
    const me = await api.account.me();
    expect(me.organizations).toEqual([expect.objectContaining({ organizationId: dev.organizationId, role: 'owner' })]);

    const id = unique('trpc-app');
    const { app } = await api.apps.create({ id, displayName: 'Chat' });
    expect(app.displayName).toBe('Chat');
    expect((await api.apps.rename({ id, displayName: 'Chat (prod)' })).displayName).toBe('Chat (prod)');
    expect((await api.apps.list()).map((a) => a.id)).toEqual([id]);

    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await api.keys.create({ app: id, name: 'backend', scope: 'workspace', expiresAt });
    expect(created.key).toMatch(/^rpk_/);
    expect(created.apiKey.expiresAt).toBe(expiresAt);
    const listed = await api.keys.list({ app: id });
    expect(listed.map((k) => k.id)).toEqual([created.apiKey.id]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect((await api.keys.revoke({ app: id, keyId: created.apiKey.id })).status).toBe('revoked');

    const audit = await api.audit.list({ app: id });
    expect(audit.items.map((e) => e.action)).toEqual(['api_key.revoked', 'api_key.created', 'app.renamed', 'app.created']);
    expect(audit.items[0]?.ip).toBe('198.51.100.1');
  });

  it('maps domain errors: not found across organizations, conflict, bad input with issues', async () => {
    const owner = await newAccount('owner');
    const other = await newAccount('other');
    const id = unique('guarded');
    await caller(owner.userId).apps.create({ id });
    const key = await caller(owner.userId).keys.create({ app: id, name: 'k', scope: 'workspace' });

    const notFound = await trpcError(caller(other.userId).keys.list({ app: id }));
    expect(notFound.code).toBe('NOT_FOUND');
    expect((await trpcError(caller(other.userId).keys.revoke({ app: id, keyId: key.apiKey.id }))).code).toBe('NOT_FOUND');
    expect((await trpcError(caller(other.userId).apps.get({ id }))).code).toBe('NOT_FOUND');
    expect((await trpcError(caller(other.userId).apps.create({ id }))).code).toBe('CONFLICT');

    const invalid = await trpcError(caller(owner.userId).keys.create({ app: id, name: 'k', scope: 'peer' }));
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(invalid.cause).toMatchObject({ issues: [{ path: 'peer', message: 'Required for this scope' }] });
    const badShape = await trpcError(caller(owner.userId).apps.create({ id: 'no spaces allowed' }));
    expect(badShape.code).toBe('BAD_REQUEST');
  });
});

describe('system status', () => {
  const saved = { disabled: process.env.AUTH_DISABLED, mode: process.env.RAPPORT_LAUNCH_MODE };
  afterEach(() => {
    process.env.AUTH_DISABLED = saved.disabled;
    process.env.RAPPORT_LAUNCH_MODE = saved.mode;
    if (saved.disabled === undefined) delete process.env.AUTH_DISABLED;
    if (saved.mode === undefined) delete process.env.RAPPORT_LAUNCH_MODE;
  });

  it('says when the /v3 API runs without credentials', async () => {
    const dev = await newAccount('status');
    process.env.AUTH_DISABLED = 'true';
    expect((await caller(dev.userId).system.status()).apiAuthDisabled).toBe(true);
    process.env.AUTH_DISABLED = 'false';
    process.env.RAPPORT_LAUNCH_MODE = 'dev';
    expect((await caller(dev.userId).system.status()).apiAuthDisabled).toBe(false);
    delete process.env.AUTH_DISABLED;
    expect((await caller(dev.userId).system.status()).apiAuthDisabled).toBe(true);
  });
});

// Console accounts: the first-run sign-up exists exactly once, passwords are stored as Argon2id hashes and
// verified, every sign-in attempt is audited, ADMIN_EMAIL/ADMIN_PASSWORD bootstraps an account idempotently, and GitHub
// identities link to accounts by verified email.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { ensureAdminFromEnv } from '@/server/services/accounts/ensure-admin-from-env';
import { createFirstAccount, needsFirstAccount } from '@/server/services/accounts/first-account';
import { operatorOrganizationId } from '@/server/services/accounts/operator-organization';
import { SIGN_IN_LIMITS, SignInThrottledError } from '@/server/services/accounts/sign-in-throttle';
import { signInWithGithub } from '@/server/services/accounts/sign-in-with-github';
import { verifyPasswordSignIn } from '@/server/services/accounts/verify-password-sign-in';
import { ConflictError, InvalidInputError } from '@/server/services/errors';
import { provideTestDatabase } from '../support/test-database';
import { unique } from './console-fixtures';

provideTestDatabase();

const PASSWORD = 'correct horse battery staple';

describe('first account', () => {
  it('is created once, even when two sign-ups race', async () => {
    const db = getDb();
    expect(await needsFirstAccount(db)).toBe(true);
    const results = await Promise.allSettled([
      createFirstAccount(db, { email: 'Owner@Example.test ', password: PASSWORD, name: 'Owner' }),
      createFirstAccount(db, { email: 'rival@example.test', password: PASSWORD }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await db.user.count()).toBe(1);
    expect(await needsFirstAccount(db)).toBe(false);

    const created = (fulfilled[0] as PromiseFulfilledResult<{ userId: string; organizationId: string }>).value;
    const membership = await db.organizationMember.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: created.organizationId, userId: created.userId } },
    });
    expect(membership.role).toBe('owner');
    expect(await operatorOrganizationId(db)).toBe(created.organizationId);
    // Either sign-up may win the race; the tests below sign in as owner@example.test (same password either way).
    await db.user.update({ where: { id: created.userId }, data: { email: 'owner@example.test' } });
  });

  it('refuses once an account exists', async () => {
    await expect(createFirstAccount(getDb(), { email: unique('late') + '@example.test', password: PASSWORD })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('validates email and password before anything else', async () => {
    await expect(createFirstAccount(getDb(), { email: 'not-an-email', password: PASSWORD })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(createFirstAccount(getDb(), { email: 'a@b.test', password: 'short' })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('password sign-in', () => {
  it('stores an Argon2id hash, never the password', async () => {
    const user = await getDb().user.findUniqueOrThrow({ where: { email: 'owner@example.test' } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(user)).not.toContain(PASSWORD);
  });

  it('accepts the right password (email case-insensitive) and audits the sign-in', async () => {
    const db = getDb();
    const user = await verifyPasswordSignIn(db, { email: 'OWNER@example.test', password: PASSWORD, ip: '203.0.113.7' });
    expect(user?.email).toBe('owner@example.test');
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.signed_in', actorUserId: user!.id } });
    expect(event.ip).toBe('203.0.113.7');
    expect(event.details).toEqual({ method: 'password' });
  });

  it('refuses a wrong password or an unknown email the same way, and audits both', async () => {
    const db = getDb();
    expect(await verifyPasswordSignIn(db, { email: 'owner@example.test', password: 'wrong password' })).toBeNull();
    expect(await verifyPasswordSignIn(db, { email: 'nobody@example.test', password: PASSWORD })).toBeNull();
    const failures = await db.auditEvent.findMany({ where: { action: 'user.sign_in_failed' }, orderBy: { createdAt: 'asc' } });
    expect(failures.map((f) => (f.details as { reason: string }).reason)).toEqual(['wrong_password', 'unknown_account']);
    expect(failures[1]?.actorUserId).toBeNull();
    expect(JSON.stringify(failures)).not.toContain(PASSWORD);
  });

  it('refuses a disabled account', async () => {
    const db = getDb();
    await db.user.update({ where: { email: 'owner@example.test' }, data: { disabledAt: new Date() } });
    expect(await verifyPasswordSignIn(db, { email: 'owner@example.test', password: PASSWORD })).toBeNull();
    await db.user.update({ where: { email: 'owner@example.test' }, data: { disabledAt: null } });
  });
});

describe('sign-in throttling', () => {
  it('refuses the right password after a burst of wrong ones from the same address, and audits the refusal once', async () => {
    const db = getDb();
    const email = `${unique('target')}@example.test`;
    await ensureAdminFromEnv(db, { email, password: PASSWORD });
    const attacker = '198.51.100.40';
    const burst = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => verifyPasswordSignIn(db, { email, password: `guess ${i}`, ip: attacker })),
    );
    // Only the budget's worth of guesses was even checked; the rest were refused as throttled.
    expect(burst.filter((r) => r.status === 'fulfilled' && r.value === null)).toHaveLength(SIGN_IN_LIMITS.accountAndAddress);
    expect(burst.filter((r) => r.status === 'rejected' && r.reason instanceof SignInThrottledError)).toHaveLength(40 - SIGN_IN_LIMITS.accountAndAddress);
    await expect(verifyPasswordSignIn(db, { email, password: PASSWORD, ip: attacker })).rejects.toBeInstanceOf(SignInThrottledError);

    const refusals = await db.auditEvent.findMany({ where: { action: 'user.sign_in_failed', target: email } });
    expect(refusals.filter((e) => (e.details as { reason: string }).reason === 'throttled')).toHaveLength(1);
    expect(refusals.filter((e) => (e.details as { reason: string }).reason === 'wrong_password')).toHaveLength(SIGN_IN_LIMITS.accountAndAddress);
    // The owner, elsewhere, still signs in.
    expect((await verifyPasswordSignIn(db, { email, password: PASSWORD, ip: '203.0.113.41' }))?.email).toBe(email);
  });
});

describe('ADMIN_EMAIL / ADMIN_PASSWORD', () => {
  it('creates the account once and never resets its password', async () => {
    const db = getDb();
    const email = `${unique('admin')}@example.test`;
    await ensureAdminFromEnv(db, { email, password: 'first password' });
    await ensureAdminFromEnv(db, { email, password: 'first password' });
    expect(await db.user.count({ where: { email } })).toBe(1);
    // A changed variable does not overwrite the stored password (a fresh process would re-run the check).
    await ensureAdminFromEnv(db, { email: email.toUpperCase(), password: 'second password' });
    expect(await verifyPasswordSignIn(db, { email, password: 'first password' })).not.toBeNull();
    expect(await db.organizationMember.count({ where: { user: { email } } })).toBe(1);
  });
});

describe('GitHub sign-in', () => {
  it('links to an existing account by verified email, creates new accounts with their own organization', async () => {
    const db = getDb();
    // The password account from above gains a GitHub link when GitHub vouches for its email.
    const linked = await signInWithGithub(db, { accountId: '1001', verifiedEmail: 'Owner@example.test', name: 'Octo Owner' });
    const owner = await db.user.findUniqueOrThrow({ where: { email: 'owner@example.test' } });
    expect(linked?.id).toBe(owner.id);
    expect(await db.account.count({ where: { userId: owner.id, provider: 'github' } })).toBe(1);
    // Signing in again with the same GitHub identity reaches the same account, even if the GitHub email changed.
    expect((await signInWithGithub(db, { accountId: '1001', verifiedEmail: 'renamed@example.test' }))?.id).toBe(owner.id);

    const newcomer = await signInWithGithub(db, { accountId: '2002', verifiedEmail: `${unique('octo')}@example.test`, name: 'Octo' });
    expect(newcomer).not.toBeNull();
    const memberships = await db.organizationMember.findMany({ where: { userId: newcomer!.id } });
    expect(memberships).toEqual([expect.objectContaining({ role: 'owner' })]);
    expect(memberships[0]?.organizationId).not.toBe(await operatorOrganizationId(db));
    const events = await db.auditEvent.findMany({ where: { actorUserId: newcomer!.id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['user.created', 'user.signed_in']);
  });
});

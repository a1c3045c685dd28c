// Organization members in the console: owners invite by a single-use, expiring link bound to an email; the invitee
// creates their account through it or joins with the account they have; owners change roles and remove members, but
// the last owner stays; members work with an app's data but cannot manage keys, settings, webhooks, apps or people.
// Also a signed-in user's password change, which ends every session issued before it.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { hashPassword } from '@/server/services/accounts/password-hash';
import { inviteMember } from '@/server/services/accounts/invite-member';
import { verifyPasswordSignIn } from '@/server/services/accounts/verify-password-sign-in';
import { provideTestDatabase } from '../support/test-database';
import { caller, codeOf, newAccount, team, tokenOf, unique } from './console-fixtures';

provideTestDatabase();

describe('invitations', () => {
  it('a link shown once creates the invited account as a member, and works only once', async () => {
    const { app, member, joined, invitation, ownerApi, owner } = await team();
    expect(invitation.path).toMatch(/^\/console\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(joined.organizationId).toBe(owner.organizationId);
    const list = await ownerApi.members.list({ app });
    expect(list.members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, 'owner'],
      [member.email, 'member'],
    ]);
    expect(list.invitations).toEqual([]);
    // Only the hash is stored.
    const stored = await getDb().organizationInvitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(tokenOf(invitation.path));
    // The member signs in with the password chosen through the link.
    expect(await verifyPasswordSignIn(getDb(), { email: member.email, password: 'member password 1' })).toMatchObject({ id: member.id });
    // Used: neither a second sign-up nor an accept works, and the preview says so.
    const token = tokenOf(invitation.path);
    expect((await caller(null).invitations.preview({ token })).state).toBe('used');
    expect(await codeOf(caller(null).invitations.signUp({ token, password: 'another password' }))).toBe('CONFLICT');
    expect(await codeOf(caller(member.id).invitations.accept({ token }))).toBe('CONFLICT');
    expect(await codeOf(caller(null).invitations.preview({ token: 'x'.repeat(43) }))).toBe('NOT_FOUND');
  });

  it('an existing account joins by accepting, only with the invited email; expired and withdrawn links are refused', async () => {
    const owner = await newAccount('owner');
    const ownerApi = caller(owner.userId);
    const app = unique('join-app');
    await ownerApi.apps.create({ id: app });
    const invitee = await newAccount('invitee');
    const stranger = await newAccount('stranger');
    const { path } = await ownerApi.members.invite({ app, email: invitee.email, role: 'owner' });
    const token = tokenOf(path);
    const preview = await caller(null).invitations.preview({ token });
    expect(preview).toMatchObject({ email: invitee.email, role: 'owner', state: 'open', accountExists: true });
    expect(await codeOf(caller(null).invitations.signUp({ token, password: 'some password' }))).toBe('CONFLICT');
    expect(await codeOf(caller(stranger.userId).invitations.accept({ token }))).toBe('FORBIDDEN');
    expect(await codeOf(caller(null).invitations.accept({ token }))).toBe('UNAUTHORIZED');
    await caller(invitee.userId).invitations.accept({ token });
    expect((await caller(invitee.userId).members.list({ app })).yourRole).toBe('owner');
    expect(await codeOf(ownerApi.members.invite({ app, email: invitee.email, role: 'member' }))).toBe('CONFLICT');

    // Expired: created eight days ago with a lifetime of seven.
    const late = await newAccount('late');
    const old = await inviteMember(getDb(), owner, {
      organizationId: owner.organizationId,
      email: late.email,
      role: 'member',
      now: new Date(Date.now() - 8 * 24 * 3600 * 1000),
    });
    expect((await caller(null).invitations.preview({ token: tokenOf(old.path) })).state).toBe('expired');
    expect(await codeOf(caller(late.userId).invitations.accept({ token: tokenOf(old.path) }))).toBe('BAD_REQUEST');
    expect((await ownerApi.members.list({ app })).invitations.find((i) => i.id === old.id)?.expired).toBe(true);

    // Withdrawn.
    const withdrawn = await ownerApi.members.invite({ app, email: late.email, role: 'member' });
    await ownerApi.members.revokeInvitation({ app, invitationId: withdrawn.id });
    expect(await codeOf(caller(late.userId).invitations.accept({ token: tokenOf(withdrawn.path) }))).toBe('BAD_REQUEST');
    expect(await codeOf(ownerApi.members.revokeInvitation({ app, invitationId: withdrawn.id }))).toBe('NOT_FOUND');
    expect(await codeOf(ownerApi.members.invite({ app, email: 'not an email', role: 'member' }))).toBe('BAD_REQUEST');

    const actions = (await getDb().auditEvent.findMany({ where: { organizationId: owner.organizationId, action: { startsWith: 'member.' } } })).map((e) => e.action);
    expect(actions.sort()).toEqual(['member.invitation_revoked', 'member.invited', 'member.invited', 'member.invited', 'member.joined']);
  });

  it('two redemptions of one link racing: exactly one joins', async () => {
    const owner = await newAccount('owner');
    const { path } = await inviteMember(getDb(), owner, { organizationId: owner.organizationId, email: `${unique('race')}@example.test`, role: 'member' });
    const token = tokenOf(path);
    const results = await Promise.allSettled([
      caller(null).invitations.signUp({ token, password: 'first password' }),
      caller(null).invitations.signUp({ token, password: 'second password' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await getDb().organizationMember.count({ where: { organizationId: owner.organizationId } })).toBe(2);
  });
});

describe('what members see', () => {
  // Which role may call which procedure is checked for every procedure in authorization-matrix.test.ts.
  it('members read keys, settings, webhooks and members (not invitations), but cannot create apps; the owner manages', async () => {
    const { app, member, memberApi, ownerApi, outsiderApi } = await team();
    const settings = await ownerApi.settings.get({ app });
    const { apiKey } = await ownerApi.keys.create({ app, name: 'owner key', scope: 'workspace' });
    const { endpoint } = (await ownerApi.webhooks.add({ app, url: 'https://hooks.example.com/owner' })) as { endpoint: { id: string } };

    // A member's own default organization is the one they joined: creating an app there is refused too.
    expect(await codeOf(memberApi.apps.create({ id: unique('member-app') }))).toBe('FORBIDDEN');

    // What members can do: read everything, work with data, see members (but not invitations).
    expect((await memberApi.keys.list({ app })).map((k) => k.id)).toContain(apiKey.id);
    expect(await memberApi.settings.get({ app })).toEqual(settings);
    expect((await memberApi.webhooks.endpoints({ app })).endpoints).toHaveLength(1);
    await ownerApi.members.invite({ app, email: 'pending@example.test', role: 'member' });
    const seen = await memberApi.members.list({ app });
    expect(seen).toMatchObject({ yourRole: 'member', canManage: false, invitations: [] });
    expect(seen.members.find((m) => m.you)?.userId).toBe(member.id);
    expect((await ownerApi.members.list({ app })).invitations).toHaveLength(1);
    expect((await memberApi.apps.list()).map((a) => a.id)).toContain(app);
    expect(await codeOf(memberApi.peers.delete({ app, peer: 'nobody' }))).toBe('NOT_FOUND');
    expect(await codeOf(outsiderApi.members.list({ app }))).toBe('NOT_FOUND');

    // And the owner can do all of it.
    await ownerApi.keys.revoke({ app, keyId: apiKey.id });
    await ownerApi.apps.rename({ id: app, displayName: 'Renamed' });
    await ownerApi.webhooks.delete({ app, endpoint: endpoint.id });
  });
});

describe('roles and the last owner', () => {
  it('owners change roles and remove members; the last owner can be neither demoted nor removed', async () => {
    const { app, owner, ownerApi, member, memberApi } = await team();
    expect(await codeOf(ownerApi.members.changeRole({ app, userId: owner.userId, role: 'member' }))).toBe('CONFLICT');
    expect(await codeOf(ownerApi.members.remove({ app, userId: owner.userId }))).toBe('CONFLICT');
    expect(await codeOf(ownerApi.members.remove({ app, userId: 'no-such-user' }))).toBe('NOT_FOUND');

    await ownerApi.members.changeRole({ app, userId: member.id, role: 'owner' });
    expect((await memberApi.members.list({ app })).canManage).toBe(true);
    // With two owners, one may step down, after which the other is the last.
    await memberApi.members.changeRole({ app, userId: owner.userId, role: 'member' });
    expect(await codeOf(memberApi.members.remove({ app, userId: member.id }))).toBe('CONFLICT');
    expect(await codeOf(ownerApi.keys.create({ app, name: 'k', scope: 'workspace' }))).toBe('FORBIDDEN');
    await memberApi.members.remove({ app, userId: owner.userId });
    expect(await codeOf(ownerApi.members.list({ app }))).toBe('NOT_FOUND');
    const roles = await getDb().auditEvent.findMany({ where: { action: { in: ['member.role_changed', 'member.removed'] }, actorUserId: member.id } });
    expect(roles.map((e) => e.action).sort()).toEqual(['member.removed', 'member.role_changed']);
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const { app, owner, ownerApi, member, memberApi } = await team();
    await ownerApi.members.changeRole({ app, userId: member.id, role: 'owner' });
    const results = await Promise.allSettled([
      ownerApi.members.changeRole({ app, userId: member.id, role: 'member' }),
      memberApi.members.changeRole({ app, userId: owner.userId, role: 'member' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await getDb().organizationMember.count({ where: { organizationId: owner.organizationId, role: 'owner' } })).toBe(1);
  });
});

describe('password change', () => {
  async function withPassword(password: string) {
    const account = await newAccount('pw');
    await getDb().user.update({ where: { id: account.userId }, data: { passwordHash: await hashPassword(password) } });
    return account;
  }

  it('needs the current password, ends every earlier session, and the new password signs in', async () => {
    const account = await withPassword('old password 1');
    const api = caller(account.userId);
    expect(await codeOf(api.account.changePassword({ currentPassword: 'wrong password', newPassword: 'new password 2' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.account.changePassword({ currentPassword: 'old password 1', newPassword: 'short' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.account.changePassword({ currentPassword: 'old password 1', newPassword: 'old password 1' }))).toBe('BAD_REQUEST');
    expect(await codeOf(caller(null).account.changePassword({ currentPassword: 'old password 1', newPassword: 'new password 2' }))).toBe('UNAUTHORIZED');
    expect(await getDb().user.findUniqueOrThrow({ where: { id: account.userId } })).toMatchObject({ sessionVersion: 0 });

    await api.account.changePassword({ currentPassword: 'old password 1', newPassword: 'new password 2' });
    // The session that made the change and every other one issued before it are over.
    expect(await codeOf(api.apps.list())).toBe('UNAUTHORIZED');
    expect(await caller(account.userId, 0).account.current()).toBeNull();
    expect(await verifyPasswordSignIn(getDb(), { email: account.email, password: 'old password 1' })).toBeNull();
    const signedIn = await verifyPasswordSignIn(getDb(), { email: account.email, password: 'new password 2' });
    expect(signedIn).toMatchObject({ id: account.userId, sessionVersion: 1 });
    expect(await caller(account.userId, signedIn!.sessionVersion).account.current()).toMatchObject({ id: account.userId });
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'user.password_changed', actorUserId: account.userId } });
    expect(JSON.stringify(audit)).not.toMatch(/password [12]/);
  });

  it('is refused for an account without a password (GitHub only)', async () => {
    const account = await newAccount('gh');
    expect(await codeOf(caller(account.userId).account.changePassword({ currentPassword: 'anything at all', newPassword: 'new password 2' }))).toBe('BAD_REQUEST');
  });
});

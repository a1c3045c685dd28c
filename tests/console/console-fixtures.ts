// Accounts and tRPC callers for console tests: each account is created with its own organization, like a sign-up
// would; `team()` adds an app with a member who joined it through an invitation, and an outsider.
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { getDb } from '@/server/db/client';
import { createAccount } from '@/server/services/accounts/create-account';
import type { ConsoleActor } from '@/server/services/accounts/console-actor';
import { createCaller } from '@/server/trpc/app-router';

let counter = 0;

export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;

export async function newAccount(label = 'dev'): Promise<ConsoleActor & { email: string; organizationId: string }> {
  const email = `${unique(label)}@example.test`;
  const created = await createAccount(getDb(), { email, name: label, via: 'first_run' }, { onlyIfFirst: false });
  return { userId: created.userId, organizationId: created.organizationId, email };
}

/** The console's tRPC API as `userId` (null: signed out) sees it, over the test database. */
export const caller = (userId: string | null, sessionVersion?: number) =>
  createCaller({ db: getDb(), session: userId ? { userId, sessionVersion } : null, ip: '198.51.100.7' });
export type Api = ReturnType<typeof caller>;

/** The TRPCError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

export const codeOf = async (promise: Promise<unknown>): Promise<string> => (await trpcError(promise)).code;

export const tokenOf = (path: string) => path.split('/').at(-1)!;

/** An owner with an app, a member who joined it through an invitation link, and an outsider. */
export async function team() {
  const owner = await newAccount('owner');
  const ownerApi = caller(owner.userId);
  const app = unique('team-app');
  await ownerApi.apps.create({ id: app });
  const memberEmail = `${unique('member')}@example.test`;
  const invitation = await ownerApi.members.invite({ app, email: memberEmail.toUpperCase(), role: 'member' });
  const joined = await caller(null).invitations.signUp({ token: tokenOf(invitation.path), password: 'member password 1', name: 'Mem' });
  const member = await getDb().user.findUniqueOrThrow({ where: { email: memberEmail } });
  const outsider = await newAccount('outsider');
  return { owner, ownerApi, app, member, memberApi: caller(member.id), outsider, outsiderApi: caller(outsider.userId), joined, invitation };
}

// Accounts for console tests: each call creates a user with its own organization, like a sign-up would.
import { getDb } from '@/server/db/client';
import { createAccount } from '@/server/services/accounts/create-account';
import type { ConsoleActor } from '@/server/services/accounts/console-actor';

let counter = 0;

export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;

export async function newAccount(label = 'dev'): Promise<ConsoleActor & { email: string; organizationId: string }> {
  const email = `${unique(label)}@example.test`;
  const created = await createAccount(getDb(), { email, name: label, via: 'first_run' }, { onlyIfFirst: false });
  return { userId: created.userId, organizationId: created.organizationId, email };
}

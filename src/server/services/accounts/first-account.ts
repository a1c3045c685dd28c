import 'server-only';
// First run: the sign-up screen exists only while the instance has no account. It creates the first user, their
// organization (the operator organization) and the owner membership; afterwards it refuses (409).
import type { Db, DbClient } from '@/server/db/client';
import { validateEmail, validatePassword } from './account-rules';
import { createAccount, type CreatedAccount } from './create-account';
import { hashPassword } from './password-hash';

export async function needsFirstAccount(db: DbClient): Promise<boolean> {
  return (await db.user.count()) === 0;
}

export type FirstAccountInput = {
  email: string;
  password: string;
  name?: string | null;
  organizationName?: string | null;
  ip?: string | null;
};

export async function createFirstAccount(db: Db, input: FirstAccountInput): Promise<CreatedAccount> {
  const email = validateEmail(input.email);
  const password = validatePassword(input.password);
  return createAccount(
    db,
    {
      email,
      name: input.name,
      organizationName: input.organizationName,
      passwordHash: await hashPassword(password),
      via: 'first_run',
      ip: input.ip,
    },
    { onlyIfFirst: true },
  );
}

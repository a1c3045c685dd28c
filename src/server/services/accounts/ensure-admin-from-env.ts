import 'server-only';
// ADMIN_EMAIL / ADMIN_PASSWORD: make sure that account exists. Runs lazily (on the first sign-in page view or
// sign-in attempt), once per process; idempotent across processes and restarts. An existing account is left as it
// is — the variables never reset a password that was changed since.
import type { Db } from '@/server/db/client';
import { ConflictError } from '../errors';
import { validateEmail, validatePassword } from './account-rules';
import { createAccount } from './create-account';
import { hashPassword } from './password-hash';

export type AdminSetting = { email: string; password: string } | null;

const done = new Map<string, Promise<void>>();

export function ensureAdminFromEnv(db: Db, admin: AdminSetting): Promise<void> {
  if (!admin) return Promise.resolve();
  const key = admin.email.trim().toLowerCase();
  let pending = done.get(key);
  if (!pending) {
    pending = ensureAdmin(db, admin).catch((error: unknown) => {
      done.delete(key); // try again on the next request
      throw error;
    });
    done.set(key, pending);
  }
  return pending;
}

async function ensureAdmin(db: Db, admin: { email: string; password: string }): Promise<void> {
  const email = validateEmail(admin.email, 'ADMIN_EMAIL');
  const password = validatePassword(admin.password, 'ADMIN_PASSWORD');
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return;
  try {
    await createAccount(db, { email, name: 'Admin', passwordHash: await hashPassword(password), via: 'admin_env' }, { onlyIfFirst: false });
  } catch (error) {
    // Another instance created it at the same moment.
    if (!(error instanceof ConflictError)) throw error;
  }
}

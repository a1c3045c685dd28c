import 'server-only';
// Secrets the server generates for itself (JWT signing, console session cookies) live in the database, so every
// instance on one database signs and accepts the same tokens and cookies without the operator setting anything.
// The first instance to need one inserts it (ON CONFLICT DO NOTHING) and everyone reads the row that won, so instances
// starting together still agree. Earlier versions kept these secrets in files in the data directory; when the
// database has none yet and that file exists, its value is adopted, so tokens and sessions issued before keep working.
// An environment value always wins over all of this (see the callers).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { DbClient } from '@/server/db/client';

export type InstanceSecretName = 'jwt' | 'console_session';

export type InstanceSecretOptions = {
  /** The data-directory file an earlier version generated; read once, never written. */
  legacyFile?: string;
};

function readLegacyFile(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The stored secret `name`, created (from the legacy file, else at random) when the database has none. */
export async function loadInstanceSecret(db: DbClient, name: InstanceSecretName, options: InstanceSecretOptions = {}): Promise<string> {
  const existing = await db.instanceSecret.findUnique({ where: { name } });
  if (existing) return existing.value;
  const value = readLegacyFile(options.legacyFile) ?? randomBytes(32).toString('base64url');
  await db.instanceSecret.createMany({ data: [{ name, value }], skipDuplicates: true });
  // Another instance may have inserted first; the stored row is the answer for everyone.
  const stored = await db.instanceSecret.findUniqueOrThrow({ where: { name } });
  return stored.value;
}

const loaded = new Map<InstanceSecretName, Promise<string>>();

/** loadInstanceSecret, once per process (a secret never changes while the database is the same). */
export function cachedInstanceSecret(db: DbClient, name: InstanceSecretName, options: InstanceSecretOptions = {}): Promise<string> {
  let pending = loaded.get(name);
  if (!pending) {
    pending = loadInstanceSecret(db, name, options);
    // A failure (database down) must not be remembered.
    pending.catch(() => loaded.delete(name));
    loaded.set(name, pending);
  }
  return pending;
}

/** Tests switch databases between files; forget what this process loaded. */
export function forgetInstanceSecrets(): void {
  loaded.clear();
}

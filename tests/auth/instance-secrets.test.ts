// Generated secrets (JWT signing, console session cookies) live in the database: two instances on one database load
// the same value, also when they race on an empty table; an environment value still wins; and a secret an earlier
// version generated into the data directory is carried over once, so its tokens and sessions keep working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDbClient, getDb } from '@/server/db/client';
import { resolveAuthSecret } from '@/server/auth/auth-secret';
import { authenticate } from '@/server/services/auth/authenticate';
import { jwtSecret } from '@/server/services/auth/jwt-secret';
import { mintJwt } from '@/server/services/auth/mint-jwt';
import { forgetInstanceSecrets, loadInstanceSecret } from '@/server/services/secrets/instance-secret';
import { provideTestDatabase } from '../support/test-database';

const database = provideTestDatabase();
const saved = { jwt: process.env.AUTH_JWT_SECRET, dataDir: process.env.RAPPORT_DATA_DIR };

beforeEach(async () => {
  await getDb().instanceSecret.deleteMany();
  forgetInstanceSecrets();
  delete process.env.AUTH_JWT_SECRET;
  process.env.RAPPORT_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-secrets-'));
});
afterEach(() => {
  forgetInstanceSecrets();
  for (const [name, value] of [['AUTH_JWT_SECRET', saved.jwt], ['RAPPORT_DATA_DIR', saved.dataDir]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** A second instance: its own connection pool to the same database, nothing shared in memory. */
async function withSecondInstance<T>(fn: (db: ReturnType<typeof createDbClient>) => Promise<T>): Promise<T> {
  const other = createDbClient(database.current.url, 2);
  try {
    return await fn(other);
  } finally {
    await other.$disconnect();
  }
}

describe('secrets stored in the database', () => {
  it('two instances on one database load the same secrets, also when racing on an empty table', async () => {
    const [first, second, third] = await withSecondInstance((other) =>
      Promise.all([loadInstanceSecret(getDb(), 'jwt'), loadInstanceSecret(other, 'jwt'), loadInstanceSecret(other, 'jwt')]),
    );
    expect(first!.length).toBeGreaterThanOrEqual(40);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(await getDb().instanceSecret.count()).toBe(1);
    // Each name is its own secret.
    const session = await loadInstanceSecret(getDb(), 'console_session');
    expect(session).not.toBe(first);
    expect(await withSecondInstance((other) => loadInstanceSecret(other, 'console_session'))).toBe(session);
  });

  it('a JWT minted by one instance is accepted by another that never saw the secret in memory', async () => {
    const { key } = await mintJwt({ workspace_id: 'shared-ws' });
    forgetInstanceSecrets();
    const credential = await withSecondInstance((other) => authenticate(`Bearer ${key}`, other));
    expect(credential).toMatchObject({ kind: 'workspace', workspace: 'shared-ws' });
  });

  it('lets AUTH_JWT_SECRET and AUTH_SECRET win over the stored secrets', async () => {
    const stored = await jwtSecret();
    process.env.AUTH_JWT_SECRET = 'from-the-environment';
    expect(await jwtSecret()).toBe('from-the-environment');
    expect(stored).not.toBe('from-the-environment');
    expect(await resolveAuthSecret('configured-auth-secret', process.env.RAPPORT_DATA_DIR!)).toBe('configured-auth-secret');
    // Nothing was generated for a secret the environment supplies.
    expect((await getDb().instanceSecret.findMany()).map((s) => s.name)).toEqual(['jwt']);
  });

  it('carries a data-directory secret of an earlier version into the database once, and never writes the file', async () => {
    const dataDir = process.env.RAPPORT_DATA_DIR!;
    fs.writeFileSync(path.join(dataDir, 'jwt-secret'), 'old-jwt-secret\n', { mode: 0o600 });
    fs.writeFileSync(path.join(dataDir, 'auth-secret'), 'old-auth-secret\n', { mode: 0o600 });
    expect(await jwtSecret()).toBe('old-jwt-secret');
    expect(await resolveAuthSecret(undefined, dataDir)).toBe('old-auth-secret');
    // Another instance with a different (or no) file gets the database's value.
    forgetInstanceSecrets();
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-secrets-'));
    fs.writeFileSync(path.join(elsewhere, 'jwt-secret'), 'another-instance-secret\n');
    process.env.RAPPORT_DATA_DIR = elsewhere;
    expect(await jwtSecret()).toBe('old-jwt-secret');
    expect(await resolveAuthSecret(undefined, elsewhere)).toBe('old-auth-secret');
    // Without a file, a fresh database generates a new random secret and creates no file.
    await getDb().instanceSecret.deleteMany();
    forgetInstanceSecrets();
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-secrets-'));
    process.env.RAPPORT_DATA_DIR = empty;
    expect(await jwtSecret()).not.toMatch(/old|another/);
    expect(fs.readdirSync(empty)).toEqual([]);
  });
});

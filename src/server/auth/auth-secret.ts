import 'server-only';
// The secret Auth.js encrypts console session cookies with. AUTH_SECRET wins; otherwise a random one is generated on
// first use and kept in the database, so sessions survive restarts and every instance on one database accepts the
// others' cookies. An earlier version's `<RAPPORT_DATA_DIR or .data>/auth-secret` file is adopted once, so existing
// sessions stay valid.
import path from 'node:path';
import { getDb } from '@/server/db/client';
import { cachedInstanceSecret } from '@/server/services/secrets/instance-secret';

export function legacyAuthSecretFile(dataDir: string): string {
  return path.join(dataDir, 'auth-secret');
}

export async function resolveAuthSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  return cachedInstanceSecret(getDb(), 'console_session', { legacyFile: legacyAuthSecretFile(dataDir) });
}

import 'server-only';
// The secret Auth.js encrypts console session cookies with. AUTH_SECRET wins; otherwise a random one is generated on
// first use and kept in `<RAPPORT_DATA_DIR or .data>/auth-secret` (mode 0600), so sessions survive restarts.
// Several web instances without a shared data directory must set AUTH_SECRET, or each would reject the others' cookies.
import path from 'node:path';
import { readOrCreateSecretFile } from '@/server/config/secret-file';

const cache = new Map<string, string>();

export function authSecretFile(dataDir: string): string {
  return path.join(dataDir, 'auth-secret');
}

export function resolveAuthSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = authSecretFile(dataDir);
  let secret = cache.get(file);
  if (!secret) {
    secret = readOrCreateSecretFile(file, 'AUTH_SECRET');
    cache.set(file, secret);
  }
  return secret;
}


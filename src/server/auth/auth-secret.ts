import 'server-only';
// The secret Auth.js encrypts console session cookies with. AUTH_SECRET wins; otherwise a random one is generated on
// first use and kept in `<RAPPORT_DATA_DIR or .data>/auth-secret` (mode 0600), so sessions survive restarts.
// Several web instances without a shared data directory must set AUTH_SECRET, or each would reject the others' cookies.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const cache = new Map<string, string>();

export function authSecretFile(dataDir: string): string {
  return path.join(dataDir, 'auth-secret');
}

export function resolveAuthSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = authSecretFile(dataDir);
  let secret = cache.get(file);
  if (!secret) {
    secret = readSecret(file) ?? createSecret(file);
    cache.set(file, secret);
  }
  return secret;
}

function readSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function createSecret(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written complete under a temporary name, then hard-linked into place: linking fails when another process got there
  // first, and then both use that process's secret. Readers never see a half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  fs.writeFileSync(temp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new Error(`${file} is empty: delete it or set AUTH_SECRET`);
  return secret;
}

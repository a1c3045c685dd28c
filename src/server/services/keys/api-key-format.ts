// Stored API keys (docs/honcho-differences.md#credentials): opaque `rpk_` + 32 base64url characters (192 random bits, never a `.`, so a key can
// never be mistaken for a JWT). Only a SHA-256 hash is stored — the key's entropy makes a slow hash unnecessary —
// plus the first characters as a visible prefix to tell keys apart in the console.
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'rpk_';
const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
const KEY_PATTERN = /^rpk_[A-Za-z0-9_-]{32}$/;

export type NewApiKey = { key: string; hash: string; prefix: string };

export function generateApiKey(): NewApiKey {
  const key = API_KEY_PREFIX + randomBytes(24).toString('base64url');
  return { key, hash: hashApiKey(key), prefix: key.slice(0, VISIBLE_PREFIX_LENGTH) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

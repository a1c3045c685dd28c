import 'server-only';
// Stored, revocable API keys (docs/honcho-differences.md#credentials): looked up by the SHA-256 of the presented key on every request, so a
// revocation takes effect on the very next call. Only the hash is ever compared or stored.
import { getDb, type DbClient } from '@/server/db/client';
import { UnauthorizedError } from '../errors';
import { hashApiKey, looksLikeApiKey } from '../keys/api-key-format';
import { AUTH_ERRORS, type Credential } from './credential';

/** `last_used_at` is refreshed at most this often per key, so a hot key does not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** A 401 about a key that exists, so failure bursts can be attributed to it in the audit log. */
export class StoredKeyRejectedError extends UnauthorizedError {
  constructor(
    detail: string,
    readonly keyId: string,
    readonly workspaceId: string,
  ) {
    super(detail);
  }
}

export async function authenticateStoredKey(key: string, db: DbClient = getDb(), now: Date = new Date()): Promise<Credential> {
  // Anything that cannot be a key is refused without a query; its hash could not match a stored one anyway.
  if (!looksLikeApiKey(key)) throw new UnauthorizedError(AUTH_ERRORS.invalidApiKey);
  const row = await db.apiKey.findUnique({
    where: { hash: hashApiKey(key) },
    include: { workspace: { select: { name: true } } },
  });
  if (!row) throw new UnauthorizedError(AUTH_ERRORS.invalidApiKey);
  if (row.revokedAt) throw new StoredKeyRejectedError(AUTH_ERRORS.apiKeyRevoked, row.id, row.workspaceId);
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) {
    throw new StoredKeyRejectedError(AUTH_ERRORS.apiKeyExpired, row.id, row.workspaceId);
  }

  const subject = `key:${row.id}`;
  const workspace = row.workspace.name;
  let credential: Credential;
  if (row.scope === 'session' && row.sessionName) credential = { kind: 'session', workspace, session: row.sessionName, subject };
  else if (row.scope === 'peer' && row.peerName) credential = { kind: 'peer', workspace, peer: row.peerName, subject };
  else if (row.scope === 'workspace') credential = { kind: 'workspace', workspace, subject };
  // A peer/session key without its id is a broken row: refuse rather than widen it to the whole workspace.
  else throw new StoredKeyRejectedError(AUTH_ERRORS.invalidApiKey, row.id, row.workspaceId);

  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests on several instances write once per interval between them.
    await db.apiKey.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return credential;
}

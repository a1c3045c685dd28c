// Fixtures for the auth suites: turning API auth on for a test file, tenants seeded straight through Prisma (so the
// auth tests do not depend on the storage endpoints), stored API keys inserted the way the console stores them, and
// JWTs signed with the test secret.
import { getDb } from '@/server/db/client';
import { signJwt } from '@/server/services/auth/jwt';
import { newInternalId } from '@/server/services/ids';
import { generateApiKey } from '@/server/services/keys/api-key-format';

export const TEST_JWT_SECRET = 'rapport-auth-tests-secret';

/** Call at the top of a test file, before provideTestDatabase(): auth on, known secret, rate limits off. */
export function enableApiAuth(): void {
  process.env.AUTH_DISABLED = 'false';
  process.env.AUTH_JWT_SECRET = TEST_JWT_SECRET;
  delete process.env.RATE_LIMIT_ENABLED;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function jwt(claims: Record<string, unknown>): Promise<string> {
  return signJwt({ t: new Date().toISOString(), ...claims }, TEST_JWT_SECRET);
}

export type TenantSpec = {
  workspace: string;
  peers?: string[];
  /** session name → members; `left` members joined and then left. */
  sessions?: Record<string, { active?: string[]; left?: string[] }>;
};

/** Creates a workspace with peers, sessions and memberships; returns the workspace's internal id. */
export async function seedTenant(spec: TenantSpec): Promise<string> {
  const db = getDb();
  const workspace = await db.workspace.create({ data: { id: newInternalId(), name: spec.workspace } });
  const peerIds = new Map<string, string>();
  const peerNames = new Set([
    ...(spec.peers ?? []),
    ...Object.values(spec.sessions ?? {}).flatMap((s) => [...(s.active ?? []), ...(s.left ?? [])]),
  ]);
  for (const name of peerNames) {
    const id = newInternalId();
    await db.peer.create({ data: { id, workspaceId: workspace.id, name } });
    peerIds.set(name, id);
  }
  for (const [name, members] of Object.entries(spec.sessions ?? {})) {
    const session = await db.session.create({ data: { id: newInternalId(), workspaceId: workspace.id, name } });
    const rows = [
      ...(members.active ?? []).map((peer) => ({ peer, leftAt: null })),
      ...(members.left ?? []).map((peer) => ({ peer, leftAt: new Date() })),
    ];
    for (const row of rows) {
      await db.sessionPeer.create({
        data: { workspaceId: workspace.id, sessionId: session.id, peerId: peerIds.get(row.peer)!, leftAt: row.leftAt },
      });
    }
  }
  return workspace.id;
}

export type StoredKeySpec = {
  workspace: string;
  scope?: 'workspace' | 'peer' | 'session';
  peer?: string;
  session?: string;
  revoked?: boolean;
  expiresAt?: Date;
};

/** Inserts an api_keys row as the console does (hash and prefix only) and returns the plaintext once. */
export async function insertApiKey(spec: StoredKeySpec): Promise<{ key: string; id: string }> {
  const db = getDb();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { name: spec.workspace } });
  const generated = generateApiKey();
  const id = newInternalId();
  await db.apiKey.create({
    data: {
      id,
      workspaceId: workspace.id,
      name: `test key ${id}`,
      prefix: generated.prefix,
      hash: generated.hash,
      scope: spec.scope ?? 'workspace',
      peerName: spec.peer ?? null,
      sessionName: spec.session ?? null,
      revokedAt: spec.revoked ? new Date() : null,
      expiresAt: spec.expiresAt ?? null,
    },
  });
  return { key: generated.key, id };
}

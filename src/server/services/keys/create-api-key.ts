import 'server-only';
// Creates a stored API key for an app (docs/honcho-differences.md#credentials): scoped to the whole workspace, one peer or one session, with a
// name and an optional expiry. The plaintext is returned exactly once; only its SHA-256 and a short prefix are stored.
// The peer or session need not exist yet: a peer key may create its own peer (docs/api.md#s4-4).
import type { ApiKeyScope } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { ID_PATTERN } from '@/contracts/common';
import type { ConsoleActor } from '../accounts/console-actor';
import { CONSOLE_AUDIT_ACTIONS } from '../accounts/console-audit';
import { requireAppAccess } from '../apps/app-access';
import { recordAuditEvent } from '../audit/record-audit-event';
import { InvalidInputError, type InputIssue } from '../errors';
import { newInternalId } from '../ids';
import { generateApiKey } from './api-key-format';
import { toApiKeySummary, type ApiKeySummary } from './api-key-summary';

export const API_KEY_NAME_MAX = 100;

export type CreateApiKeyInput = {
  app: string;
  name: string;
  scope: ApiKeyScope;
  peer?: string | null;
  session?: string | null;
  expiresAt?: Date | null;
  ip?: string | null;
};

export type CreatedApiKey = { key: string; apiKey: ApiKeySummary };

function checkId(value: string | null | undefined, path: string, issues: InputIssue[]): string | null {
  const id = value?.trim() ?? '';
  if (!id) issues.push({ path, message: 'Required for this scope' });
  else if (id.length > 512 || !ID_PATTERN.test(id)) issues.push({ path, message: 'Use 1 to 512 letters, digits, underscores or hyphens' });
  return id || null;
}

function validate(input: CreateApiKeyInput, now: Date) {
  const issues: InputIssue[] = [];
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name) issues.push({ path: 'name', message: 'Give the key a name' });
  else if (name.length > API_KEY_NAME_MAX) issues.push({ path: 'name', message: `Use at most ${API_KEY_NAME_MAX} characters` });
  const peer = input.scope === 'peer' ? checkId(input.peer, 'peer', issues) : null;
  const session = input.scope === 'session' ? checkId(input.session, 'session', issues) : null;
  if (input.scope !== 'peer' && input.peer) issues.push({ path: 'peer', message: 'Only peer-scoped keys name a peer' });
  if (input.scope !== 'session' && input.session) issues.push({ path: 'session', message: 'Only session-scoped keys name a session' });
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) issues.push({ path: 'expiresAt', message: 'Choose a time in the future' });
  if (issues.length) throw new InvalidInputError(issues);
  return { name, peer, session };
}

export async function createApiKey(db: Db, actor: ConsoleActor, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const now = new Date();
  const workspace = await requireAppAccess(db, actor, input.app);
  const { name, peer, session } = validate(input, now);
  const generated = generateApiKey();
  const id = newInternalId();

  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        id,
        workspaceId: workspace.id,
        name,
        prefix: generated.prefix,
        hash: generated.hash,
        scope: input.scope,
        peerName: peer,
        sessionName: session,
        createdById: actor.userId,
        expiresAt: input.expiresAt ?? null,
      },
      include: { createdBy: { select: { email: true } } },
    });
    await recordAuditEvent(
      {
        action: CONSOLE_AUDIT_ACTIONS.apiKeyCreated,
        actorUserId: actor.userId,
        organizationId: workspace.organization.id,
        workspaceId: workspace.id,
        target: generated.prefix,
        ip: input.ip,
        details: { key_id: id, name, scope: input.scope, peer, session, expires_at: input.expiresAt?.toISOString() ?? null },
      },
      tx,
    );
    return created;
  });
  return { key: generated.key, apiKey: toApiKeySummary(row, now) };
}

import 'server-only';
// Creates an app: a workspace owned by one of the acting user's organizations. The workspace id is the wire id the
// SDK sends (`workspaceId`) and never changes. If a workspace with that id was already created through the API
// (owned by no organization), the operator organization adopts it instead, keeping its data; any other existing id
// is taken (409). The id check and the insert/adoption are single statements, so two concurrent creates cannot both win.
import type { Db } from '@/server/db/client';
import type { ConsoleActor } from '../accounts/console-actor';
import { resolveOrganization } from '../accounts/console-actor';
import { canManageOrganization } from '../accounts/organization-roles';
import { CONSOLE_AUDIT_ACTIONS } from '../accounts/console-audit';
import { isOperatorOrganization } from '../accounts/operator-organization';
import { recordAuditEvent } from '../audit/record-audit-event';
import { ConflictError, ForbiddenError } from '../errors';
import { newInternalId } from '../ids';
import { appSummarySelect, toAppSummary, type AppSummary } from './app-access';
import { normalizeDisplayName, validateAppId } from './app-rules';

export type CreateAppInput = { id: string; displayName?: string | null; organizationId?: string; ip?: string | null };
export type CreatedApp = { app: AppSummary; adopted: boolean };

export async function createApp(db: Db, actor: ConsoleActor, input: CreateAppInput): Promise<CreatedApp> {
  const id = validateAppId(input.id);
  const displayName = normalizeDisplayName(input.displayName);
  const organization = await resolveOrganization(db, actor, input.organizationId);
  // Members work inside apps; creating them (and adopting API-created workspaces) is the owners' call.
  if (!canManageOrganization(organization.role)) throw new ForbiddenError('Only owners of this organization can create apps');
  const organizationId = organization.organizationId;

  const inserted = await db.$executeRaw`
    INSERT INTO workspaces (id, name, organization_id, display_name)
    VALUES (${newInternalId()}, ${id}, ${organizationId}, ${displayName})
    ON CONFLICT (name) DO NOTHING`;
  let adopted = false;
  if (inserted === 0) {
    const operator = await isOperatorOrganization(db, organizationId);
    if (operator) {
      const claimed = await db.workspace.updateMany({
        where: { name: id, organizationId: null },
        data: { organizationId, ...(displayName ? { displayName } : {}) },
      });
      adopted = claimed.count > 0;
    }
    if (!adopted) throw await takenError(db, id, organizationId);
  }

  const row = await db.workspace.findUniqueOrThrow({ where: { name: id }, select: { ...appSummarySelect(new Date()), id: true } });
  await recordAuditEvent(
    {
      action: adopted ? CONSOLE_AUDIT_ACTIONS.appAdopted : CONSOLE_AUDIT_ACTIONS.appCreated,
      actorUserId: actor.userId,
      organizationId,
      workspaceId: row.id,
      target: id,
      ip: input.ip,
    },
    db,
  );
  return { app: toAppSummary(row), adopted };
}

async function takenError(db: Db, id: string, organizationId: string): Promise<ConflictError> {
  const existing = await db.workspace.findUnique({ where: { name: id }, select: { organizationId: true } });
  if (existing?.organizationId === organizationId) return new ConflictError(`Your organization already has an app with the id ${id}`);
  return new ConflictError(`The id ${id} is already taken; choose another`);
}

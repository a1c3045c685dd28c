// What the console's account, system, apps, keys, audit, members and invitations procedures answer. The procedures
// declare these with `.output()`, so the UI's RouterOutputs types come from here and a service that drifts fails both
// `tsc` and the procedure's run-time check (docs/architecture.md#response-contracts).
import { z } from 'zod';
import { API_KEY_SCOPES } from './console';
import { memberRole } from './console-members';
import { deletedOutput, isoTime, jsonObject } from './console-outputs-common';

/** Stored organization roles; `admin` is legacy and treated as owner (docs/auth.md). */
export const ORGANIZATION_ROLES = ['owner', 'admin', 'member'] as const;
const organizationRole = z.enum(ORGANIZATION_ROLES);

export const setupStateOutput = z.object({ needsFirstAccount: z.boolean(), githubEnabled: z.boolean() });
export const firstAccountOutput = z.object({ organizationId: z.string() });

const accountUser = z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), image: z.string().nullable() });
export const currentAccountOutput = accountUser.nullable();
export const passwordChangedOutput = z.object({ changed: z.boolean() });
export const membershipOutput = z.object({ organizationId: z.string(), organizationName: z.string(), role: organizationRole });
export const meOutput = accountUser.extend({ organizations: z.array(membershipOutput) });

export const systemStatusOutput = z.object({ apiAuthDisabled: z.boolean(), launchMode: z.enum(['dev', 'start']) });

export const appSummaryOutput = z.object({
  /** The workspace id clients send on the wire (immutable). */
  id: z.string(),
  /** The console label; null shows the id. */
  displayName: z.string().nullable(),
  organizationId: z.string(),
  organizationName: z.string(),
  createdAt: isoTime,
  activeKeyCount: z.number().int(),
});
export const appCreatedOutput = z.object({ app: appSummaryOutput, adopted: z.boolean() });
export const appDeletedOutput = deletedOutput;

export const API_KEY_STATUSES = ['active', 'expired', 'revoked'] as const;
export const apiKeySummaryOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(API_KEY_SCOPES),
  peer: z.string().nullable(),
  session: z.string().nullable(),
  createdAt: isoTime,
  createdBy: z.string().nullable(),
  lastUsedAt: isoTime.nullable(),
  expiresAt: isoTime.nullable(),
  revokedAt: isoTime.nullable(),
  status: z.enum(API_KEY_STATUSES),
});
/** `key` is the plaintext, shown once and never stored. */
export const apiKeyCreatedOutput = z.object({ key: z.string(), apiKey: apiKeySummaryOutput });

export const auditPageOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      createdAt: isoTime,
      app: z.string().nullable(),
      target: z.string().nullable(),
      action: z.string(),
      actorEmail: z.string().nullable(),
      keyPrefix: z.string().nullable(),
      ip: z.string().nullable(),
      details: jsonObject,
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const memberEntryOutput = z.object({ userId: z.string(), email: z.string(), name: z.string().nullable(), role: organizationRole, joinedAt: isoTime, you: z.boolean() });
export const pendingInvitationOutput = z.object({ id: z.string(), email: z.string(), role: organizationRole, createdAt: isoTime, expiresAt: isoTime, expired: z.boolean() });
export const organizationMembersOutput = z.object({
  organizationId: z.string(),
  yourRole: organizationRole,
  canManage: z.boolean(),
  members: z.array(memberEntryOutput),
  /** Empty for members: only owners see invitations. */
  invitations: z.array(pendingInvitationOutput),
});
/** `path` is the invitation link's path; the token in it is shown once. */
export const invitationCreatedOutput = z.object({ id: z.string(), email: z.string(), role: memberRole, expiresAt: isoTime, path: z.string() });
export const invitationRevokedOutput = z.object({ revoked: z.string() });
export const roleChangedOutput = z.object({ userId: z.string(), role: memberRole });
export const memberRemovedOutput = z.object({ removed: z.string() });

export const INVITATION_STATES = ['open', 'expired', 'used', 'revoked'] as const;
export const invitationPreviewOutput = z.object({
  organizationName: z.string(),
  email: z.string(),
  role: organizationRole,
  state: z.enum(INVITATION_STATES),
  expiresAt: isoTime,
  accountExists: z.boolean(),
});
export const invitationSignedUpOutput = z.object({ email: z.string(), organizationId: z.string() });
export const invitationAcceptedOutput = z.object({ organizationId: z.string() });

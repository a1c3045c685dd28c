import 'server-only';
// The console's audit log: security events the acting user may see, newest first, in pages.
// Visible: events of the user's organizations and of their apps; account events (sign-ins) of their organizations'
// members; and, for the operator organization only, instance-wide events tied to no one (e.g. failed sign-ins for
// unknown emails, bursts of failed API auth from one address).
import type { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import type { ConsoleActor } from '../accounts/console-actor';
import { organizationIdsOf } from '../accounts/console-actor';
import { operatorOrganizationId } from '../accounts/operator-organization';
import { requireAppAccess } from '../apps/app-access';

export type AuditEntry = {
  id: string;
  action: string;
  createdAt: string;
  actorEmail: string | null;
  /** Prefix of the stored key the event is about or came from, when there is one. */
  keyPrefix: string | null;
  /** Wire id of the app, when the event belongs to one. */
  app: string | null;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

export type AuditPage = { items: AuditEntry[]; nextCursor: string | null };

export const AUDIT_PAGE_MAX = 100;

export async function listAuditEvents(
  db: DbClient,
  actor: ConsoleActor,
  input: { app?: string | null; cursor?: string | null; limit?: number },
): Promise<AuditPage> {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), AUDIT_PAGE_MAX);
  const where = input.app ? { workspaceId: (await requireAppAccess(db, actor, input.app)).id } : await visibleEvents(db, actor);
  const rows = await db.auditEvent.findMany({
    where,
    include: { workspace: { select: { name: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  const [emails, prefixes] = await Promise.all([actorEmails(db, page), keyPrefixes(db, page)]);
  return {
    items: page.map((row) => {
      const details = (row.details ?? {}) as Record<string, unknown>;
      const keyId = row.actorKeyId ?? (typeof details.key_id === 'string' ? details.key_id : null);
      return {
        id: row.id,
        action: row.action,
        createdAt: row.createdAt.toISOString(),
        actorEmail: row.actorUserId ? (emails.get(row.actorUserId) ?? null) : null,
        keyPrefix: keyId ? (prefixes.get(keyId) ?? null) : null,
        app: row.workspace?.name ?? null,
        target: row.target,
        ip: row.ip,
        details,
      };
    }),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

async function visibleEvents(db: DbClient, actor: ConsoleActor): Promise<Prisma.AuditEventWhereInput> {
  const organizationIds = await organizationIdsOf(db, actor);
  const members = await db.organizationMember.findMany({
    where: { organizationId: { in: organizationIds } },
    select: { userId: true },
    distinct: ['userId'],
  });
  const operator = await operatorOrganizationId(db);
  const accountLevel = { workspaceId: null, organizationId: null };
  return {
    OR: [
      { organizationId: { in: organizationIds } },
      { workspace: { organizationId: { in: organizationIds } } },
      { ...accountLevel, actorUserId: { in: members.map((m) => m.userId) } },
      ...(operator && organizationIds.includes(operator) ? [{ ...accountLevel, actorUserId: null }] : []),
    ],
  };
}

async function actorEmails(db: DbClient, rows: { actorUserId: string | null }[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

async function keyPrefixes(db: DbClient, rows: { actorKeyId: string | null; details: unknown }[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const row of rows) {
    const keyId = row.actorKeyId ?? (row.details as { key_id?: unknown } | null)?.key_id;
    if (typeof keyId === 'string') ids.add(keyId);
  }
  if (ids.size === 0) return new Map();
  const keys = await db.apiKey.findMany({ where: { id: { in: [...ids] } }, select: { id: true, prefix: true } });
  return new Map(keys.map((k) => [k.id, k.prefix]));
}

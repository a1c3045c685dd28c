import 'server-only';
// The operator organization: the one created with the instance's first account. Workspaces created through the API
// (with an admin JWT, or with API auth disabled) belong to no organization; only the operator may adopt them as apps,
// so a developer who signs up later (e.g. with GitHub) can never take over data the operator created.
// Recorded as a deployment setting whose insert doubles as the "first account" lock: of two concurrent first sign-ups,
// exactly one inserts it.
import type { DbClient } from '@/server/db/client';

const KEY = 'console.operator_organization';

/** Records the operator organization unless one is recorded; true when this call recorded it. */
export async function claimOperatorOrganization(db: DbClient, organizationId: string, userId: string): Promise<boolean> {
  const value = JSON.stringify({ organizationId, userId });
  const inserted = await db.$executeRaw`
    INSERT INTO deployment_settings (key, value) VALUES (${KEY}, ${value}::jsonb) ON CONFLICT (key) DO NOTHING`;
  return inserted > 0;
}

export async function operatorOrganizationId(db: DbClient): Promise<string | null> {
  const row = await db.deploymentSetting.findUnique({ where: { key: KEY } });
  const value = row?.value as { organizationId?: unknown } | undefined;
  return typeof value?.organizationId === 'string' ? value.organizationId : null;
}

export async function isOperatorOrganization(db: DbClient, organizationId: string): Promise<boolean> {
  return (await operatorOrganizationId(db)) === organizationId;
}

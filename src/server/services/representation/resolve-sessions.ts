import 'server-only';
// Wire session ids of a restriction → internal ids of the live sessions among them (unknown ids simply match nothing).
import type { DbClient } from '@/server/db/client';

export async function resolveSessionIds(db: DbClient, workspaceId: string, names: readonly string[] | null): Promise<string[] | null> {
  if (names === null) return null;
  if (names.length === 0) return [];
  const rows = await db.session.findMany({
    where: { workspaceId, name: { in: [...names] }, deletedAt: null },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

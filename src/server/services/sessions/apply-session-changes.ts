import 'server-only';
// The update rule shared by get-or-create on an existing session and PUT (docs/api.md#s1-6): supplied metadata
// replaces the stored object, supplied configuration is shallow-merged over it (`jsonb || jsonb` merges top-level
// keys, atomically), omitted or null fields stay untouched. The SDK sends one key at a time, so the other one must
// never be reset.
import { Prisma, type Session } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';

export type SessionChanges = {
  metadata?: Record<string, unknown> | null;
  configuration?: Record<string, unknown> | null;
};

export async function applySessionChanges(tx: DbClient, session: Session, changes: SessionChanges): Promise<Session> {
  const sets: Prisma.Sql[] = [];
  if (changes.metadata) sets.push(Prisma.sql`metadata = ${JSON.stringify(changes.metadata)}::jsonb`);
  if (changes.configuration) sets.push(Prisma.sql`configuration = configuration || ${JSON.stringify(changes.configuration)}::jsonb`);
  if (sets.length === 0) return session;
  await tx.$executeRaw`UPDATE sessions SET ${Prisma.join(sets, ', ')} WHERE id = ${session.id}`;
  const updated = await tx.session.findUnique({ where: { id: session.id } });
  if (!updated) throw new NotFoundError(`Session ${session.name} not found`);
  return updated;
}

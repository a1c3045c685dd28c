import 'server-only';
// What a message write plans its work from, besides the session row itself (docs/ingest.md): the workspace row, the
// session's members (active ones and the authors' own rows, with their peers) and the authors' peer rows. The
// fingerprint is their row versions (xmin), so it changes whenever any of those rows is written. The guarded append
// computes it again in its own statement and inserts nothing when it differs from the one read with the plan.
import { Prisma } from '@/generated/prisma/client';

export function writeStateFingerprint(workspaceId: Prisma.Sql, sessionId: Prisma.Sql, authorNames: readonly string[]): Prisma.Sql {
  const names = Prisma.join(authorNames);
  return Prisma.sql`(SELECT md5(coalesce(string_agg(f.v, ',' ORDER BY f.v), '')) FROM (
      SELECT 'w:' || fw.xmin::text AS v FROM workspaces fw WHERE fw.id = ${workspaceId}
      UNION ALL
      SELECT 'm:' || fm.peer_id || ':' || fm.xmin::text || ':' || fp.xmin::text
      FROM session_peers fm JOIN peers fp ON fp.id = fm.peer_id
      WHERE fm.session_id = ${sessionId} AND (fm.left_at IS NULL OR fp.name IN (${names}))
      UNION ALL
      SELECT 'a:' || fa.id || ':' || fa.xmin::text FROM peers fa
      WHERE fa.workspace_id = ${workspaceId} AND fa.name IN (${names}) AND fa.deleted_at IS NULL
    ) f)`;
}

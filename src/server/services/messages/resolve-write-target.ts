import 'server-only';
// The workspace, session and authors a message write goes to, get-or-created (api-contract §3.6). The common case —
// everything already exists — costs one read; anything missing goes through the shared race-safe get-or-create.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { ensurePeers } from '../peers/ensure-peer';
import { ensureSession } from '../sessions/ensure-session';
import { ensureWorkspace } from '../workspaces/ensure-workspace';

export type WriteTarget = {
  workspaceId: string;
  sessionId: string;
  /** Internal peer id by wire id. */
  peerIds: Map<string, string>;
};

type TargetRow = {
  workspace_id: string;
  workspace_deleted: boolean;
  session_id: string | null;
  session_deleted: boolean | null;
  peers: { id: string; name: string }[];
};

export async function resolveWriteTarget(
  db: DbClient,
  workspaceName: string,
  sessionName: string,
  peerNames: readonly string[],
): Promise<WriteTarget> {
  const names = [...new Set(peerNames)];
  const [row] = await db.$queryRaw<TargetRow[]>`
    SELECT w.id AS workspace_id, w.deleted_at IS NOT NULL AS workspace_deleted,
           s.id AS session_id, s.deleted_at IS NOT NULL AS session_deleted,
           COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name)) FROM peers p
                     WHERE p.workspace_id = w.id AND p.name IN (${Prisma.join(names)}) AND p.deleted_at IS NULL), '[]') AS peers
    FROM workspaces w LEFT JOIN sessions s ON s.workspace_id = w.id AND s.name = ${sessionName}
    WHERE w.name = ${workspaceName}`;
  const live = row && !row.workspace_deleted ? row : null;
  const workspaceId = live?.workspace_id ?? (await ensureWorkspace(db, workspaceName)).workspace.id;
  // A deletion-pending session answers 404 to every write (§1.6); ensureSession says so too.
  const sessionId =
    live?.session_id && !live.session_deleted ? live.session_id : (await ensureSession(db, workspaceId, sessionName)).session.id;

  const peerIds = new Map((live?.peers ?? []).map((p) => [p.name, p.id]));
  const missing = names.filter((name) => !peerIds.has(name));
  if (missing.length > 0) {
    for (const [name, peer] of await ensurePeers(db, workspaceId, missing)) {
      if (peer.kind !== 'peer') throw new NotFoundError(`Peer ${name} not found`);
      peerIds.set(name, peer.id);
    }
  }
  return { workspaceId, sessionId, peerIds };
}

import 'server-only';
// The workspace, session and authors a message write goes to, get-or-created (docs/api.md#s3-6). The common case —
// everything already exists — costs one read, which also returns what the write plans its work from (`state`), so
// the guarded append (append-if-unchanged.ts) can write everything in one more statement. Anything missing goes
// through the shared race-safe get-or-create, and then there is no `state`.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { ensurePeers } from '../peers/ensure-peer';
import { ensureSession } from '../sessions/ensure-session';
import { ensureWorkspace } from '../workspaces/ensure-workspace';
import { writeStateFingerprint } from './write-state-fingerprint';

export type WriteTarget = {
  workspaceId: string;
  sessionId: string;
  /** Internal peer id by wire id. */
  peerIds: Map<string, string>;
  /** As read together with the ids; absent when anything had to be created. */
  state?: WriteState;
};

/** A session member row as read (active members, and the authors' own rows even when they had left). */
export type MemberRow = {
  peer_id: string;
  observe_me: boolean | null;
  observe_others: boolean | null;
  active: boolean;
  peer_configuration: unknown;
};

export type WriteState = {
  lastSeq: number;
  /** The session row's version (xmin): the guarded append locks the row only if it is unchanged. */
  sessionVersion: string;
  sessionConfiguration: unknown;
  workspaceConfiguration: unknown;
  members: MemberRow[];
  /** Peer configuration of each author, by internal id. */
  authorConfigurations: Map<string, unknown>;
  fingerprint: string;
};

type TargetRow = {
  workspace_id: string;
  workspace_configuration: unknown;
  session_id: string | null;
  session_deleted: boolean | null;
  last_seq: number | null;
  session_version: string | null;
  session_configuration: unknown;
  peers: { id: string; name: string; configuration: unknown }[];
  members: MemberRow[];
  fingerprint: string | null;
};

export async function resolveWriteTarget(
  db: DbClient,
  workspaceName: string,
  sessionName: string,
  peerNames: readonly string[],
): Promise<WriteTarget> {
  const names = [...new Set(peerNames)];
  const [row] = await db.$queryRaw<TargetRow[]>`
    SELECT w.id AS workspace_id, w.configuration AS workspace_configuration,
           s.id AS session_id, s.deleted_at IS NOT NULL AS session_deleted, s.last_seq, s.xmin::text AS session_version,
           s.configuration AS session_configuration,
           COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'configuration', p.configuration)) FROM peers p
                     WHERE p.workspace_id = w.id AND p.name IN (${Prisma.join(names)}) AND p.deleted_at IS NULL), '[]') AS peers,
           COALESCE((SELECT json_agg(json_build_object('peer_id', sp.peer_id, 'observe_me', sp.observe_me,
                                                       'observe_others', sp.observe_others, 'active', sp.left_at IS NULL,
                                                       'peer_configuration', mp.configuration))
                     FROM session_peers sp JOIN peers mp ON mp.id = sp.peer_id AND mp.deleted_at IS NULL
                     WHERE sp.session_id = s.id AND (sp.left_at IS NULL OR mp.name IN (${Prisma.join(names)}))), '[]') AS members,
           CASE WHEN s.id IS NOT NULL THEN ${writeStateFingerprint(Prisma.sql`w.id`, Prisma.sql`s.id`, names)} END AS fingerprint
    FROM workspaces w LEFT JOIN sessions s ON s.workspace_id = w.id AND s.name = ${sessionName}
    WHERE w.name = ${workspaceName}`;
  const live = row;
  const workspaceId = live?.workspace_id ?? (await ensureWorkspace(db, workspaceName)).workspace.id;
  // A deletion-pending session answers 404 to every write (docs/api.md#s1-6); ensureSession says so too.
  const sessionId =
    live?.session_id && !live.session_deleted ? live.session_id : (await ensureSession(db, workspaceId, sessionName)).session.id;

  const peerIds = new Map((live?.peers ?? []).map((p) => [p.name, p.id]));
  const missing = names.filter((name) => !peerIds.has(name));
  if (live && live.session_id === sessionId && missing.length === 0 && live.fingerprint !== null && live.session_version !== null) {
    const state: WriteState = {
      lastSeq: live.last_seq!,
      sessionVersion: live.session_version,
      sessionConfiguration: live.session_configuration,
      workspaceConfiguration: live.workspace_configuration,
      members: live.members,
      authorConfigurations: new Map(live.peers.map((p) => [p.id, p.configuration])),
      fingerprint: live.fingerprint,
    };
    return { workspaceId, sessionId, peerIds, state };
  }
  if (missing.length > 0) {
    for (const [name, peer] of await ensurePeers(db, workspaceId, missing)) {
      if (peer.kind !== 'peer') throw new NotFoundError(`Peer ${name} not found`);
      peerIds.set(name, peer.id);
    }
  }
  return { workspaceId, sessionId, peerIds };
}

import 'server-only';
// Joining and leaving a session (docs/api.md#s3-5). A membership row holds the current state and per-peer config;
// every join → leave window is also recorded in session_membership_periods, so peer_perspective search can tell what
// a peer could see. Callers hold the session row lock (lockSessionRow).
import { Prisma, type Peer, type Session } from '@/generated/prisma/client';
import { SESSION_OBSERVER_LIMIT, type SessionPeerConfigInput } from '@/contracts/sessions';
import type { DbClient } from '@/server/db/client';
import { InvalidInputError, RejectedError } from '../errors';
import { newInternalId } from '../ids';
import { ensurePeers } from '../peers/ensure-peer';

export type PeerJoin = { name: string; config: SessionPeerConfigInput };

type MembershipRow = { peer_id: string; left_at: Date | null };

/**
 * Get-or-creates the peers and joins them to the session in the given order. New members join with the given config;
 * members who had left rejoin with it; active members keep their stored config. `path` locates the peer map in the
 * request body for 422s (scope peers cannot be members through these routes).
 */
export async function joinSessionPeers(
  tx: DbClient,
  session: Session,
  joins: readonly PeerJoin[],
  path: string,
): Promise<Map<string, Peer>> {
  const peers = await ensurePeers(tx, session.workspaceId, joins.map((j) => j.name));
  const scopeIssues = joins
    .filter((j) => peers.get(j.name)?.kind === 'scope')
    .map((j) => ({ path: `${path}.${j.name}`, message: 'Scopes cannot be added to a session as peers' }));
  if (scopeIssues.length > 0) throw new InvalidInputError(scopeIssues);

  for (const join of joins) {
    const peer = peers.get(join.name)!;
    const observeMe = join.config.observe_me ?? null;
    const observeOthers = join.config.observe_others ?? null;
    const [existing] = await tx.$queryRaw<MembershipRow[]>`
      SELECT peer_id, left_at FROM session_peers WHERE session_id = ${session.id} AND peer_id = ${peer.id}`;
    if (existing && existing.left_at === null) continue;
    if (existing) {
      await tx.$executeRaw`
        UPDATE session_peers SET left_at = NULL, joined_at = now(), observe_me = ${observeMe}, observe_others = ${observeOthers}
        WHERE session_id = ${session.id} AND peer_id = ${peer.id}`;
    } else {
      // clock_timestamp(): several peers joining in one request keep the order they were listed in.
      await tx.$executeRaw`
        INSERT INTO session_peers (workspace_id, session_id, peer_id, observe_me, observe_others, joined_at, created_at)
        VALUES (${session.workspaceId}, ${session.id}, ${peer.id}, ${observeMe}, ${observeOthers}, now(), clock_timestamp())`;
    }
    await openMembershipPeriod(tx, session, peer.id);
  }
  return peers;
}

/** Records the start of a membership window. */
export async function openMembershipPeriod(tx: DbClient, session: Session, peerId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO session_membership_periods (id, workspace_id, session_id, peer_id, joined_at)
    VALUES (${newInternalId()}, ${session.workspaceId}, ${session.id}, ${peerId}, now())`;
}

/** Marks the given active members as left and closes their open windows; returns the internal ids that left. */
export async function leaveSessionPeers(tx: DbClient, session: Session, peerIds: readonly string[]): Promise<string[]> {
  if (peerIds.length === 0) return [];
  const left = await tx.$queryRaw<{ peer_id: string }[]>`
    UPDATE session_peers SET left_at = now()
    WHERE session_id = ${session.id} AND peer_id IN (${Prisma.join(peerIds)}) AND left_at IS NULL
    RETURNING peer_id`;
  if (left.length === 0) return [];
  const ids = left.map((row) => row.peer_id);
  await tx.$executeRaw`
    UPDATE session_membership_periods SET left_at = now()
    WHERE session_id = ${session.id} AND peer_id IN (${Prisma.join(ids)}) AND left_at IS NULL`;
  return ids;
}

/** Active, non-scope members of the session, as internal peer ids. */
export async function activeMemberIds(tx: DbClient, session: Session): Promise<string[]> {
  const rows = await tx.$queryRaw<{ peer_id: string }[]>`
    SELECT sp.peer_id FROM session_peers sp JOIN peers p ON p.id = sp.peer_id
    WHERE sp.session_id = ${session.id} AND sp.left_at IS NULL AND p.kind = 'peer'`;
  return rows.map((row) => row.peer_id);
}

/** 400 when more than SESSION_OBSERVER_LIMIT active peers observe others (docs/api.md#s5-1; scopes are not counted). */
export async function assertObserverLimit(tx: DbClient, session: Session): Promise<void> {
  const [row] = await tx.$queryRaw<{ observers: number }[]>`
    SELECT count(*)::int AS observers FROM session_peers sp JOIN peers p ON p.id = sp.peer_id
    WHERE sp.session_id = ${session.id} AND sp.left_at IS NULL AND sp.observe_others IS TRUE
      AND p.kind = 'peer' AND p.deleted_at IS NULL`;
  const observers = row?.observers ?? 0;
  if (observers > SESSION_OBSERVER_LIMIT) {
    throw new RejectedError(
      `Cannot create session ${session.name} with ${observers} observers. Maximum allowed is ${SESSION_OBSERVER_LIMIT}`,
    );
  }
}

/** The body's peer map as an ordered list of joins. */
export function peerJoins(map: Readonly<Record<string, SessionPeerConfigInput>> | null | undefined): PeerJoin[] {
  return Object.entries(map ?? {}).map(([name, config]) => ({ name, config }));
}

import 'server-only';
// One session for the console's session page: its wire fields, every peer that was ever a member with its
// observation settings (as set, and as they take effect), and the rolling summaries with their stale flag.
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { effectiveObserveMe } from '../messages/effective-configuration';
import { findSession } from '../sessions/ensure-session';
import { asObject } from './activity-row';
import type { z } from 'zod';
import type { sessionDetailsOutput, sessionMemberOutput, sessionSummaryOutput } from '@/contracts/console-data-outputs';

export type SessionMemberRow = z.output<typeof sessionMemberOutput>;

export type SessionSummaryRow = z.output<typeof sessionSummaryOutput>;

export type SessionDetails = z.output<typeof sessionDetailsOutput>;

export async function getSessionDetails(db: DbClient, workspaceId: string, sessionName: string): Promise<SessionDetails> {
  const session = await findSession(db, workspaceId, sessionName);
  if (!session) throw new NotFoundError(`Session ${sessionName} not found`);
  const [members, summaries, messageCount] = await Promise.all([
    db.sessionPeer.findMany({
      where: { sessionId: session.id, peer: { kind: 'peer', deletedAt: null } },
      include: { peer: { select: { name: true, configuration: true } } },
      orderBy: [{ createdAt: 'asc' }, { peer: { name: 'asc' } }],
    }),
    db.sessionSummary.findMany({ where: { sessionId: session.id }, orderBy: { kind: 'asc' } }),
    db.message.count({ where: { sessionId: session.id } }),
  ]);
  return {
    id: session.name,
    isActive: session.isActive,
    metadata: asObject(session.metadata),
    configuration: asObject(session.configuration),
    createdAt: session.createdAt.toISOString(),
    messageCount,
    peers: members.map((m) => ({
      id: m.peer.name,
      observeMe: m.observeMe,
      observeOthers: m.observeOthers,
      effectiveObserveMe: effectiveObserveMe(m.observeMe, m.peer.configuration),
      effectiveObserveOthers: m.observeOthers ?? false,
      joinedAt: m.joinedAt.toISOString(),
      leftAt: m.leftAt ? m.leftAt.toISOString() : null,
    })),
    summaries: summaries.map((s) => ({
      kind: s.kind,
      content: s.content,
      tokenCount: s.tokenCount,
      lastSeq: s.lastSeq,
      createdAt: s.createdAt.toISOString(),
      stale: s.staleAt !== null,
    })),
  };
}

import 'server-only';
// The console's search page: the app's messages, or its conclusions, ranked by the same hybrid search the /v3 search
// routes use, optionally narrowed to one peer (author of messages, subject of conclusions) and one session. An
// unknown peer or session narrows to nothing rather than being ignored, so a typo never widens the results.
import type { SearchKind } from '@/contracts/console-data';
import type { Db } from '@/server/db/client';
import { findPeer } from '../peers/ensure-peer';
import { searchConclusionRows } from '../search/search-conclusion-rows';
import { searchMessageRows } from '../search/search-message-rows';
import { findSession } from '../sessions/ensure-session';

export type MessageHit = { kind: 'message'; id: string; content: string; peer: string; session: string; createdAt: string; score: number };
export type ConclusionHit = {
  kind: 'conclusion';
  id: string;
  content: string;
  level: string;
  observer: string;
  observed: string;
  session: string | null;
  createdAt: string;
  score: number;
};
export type SearchHits = { kind: SearchKind; hits: (MessageHit | ConclusionHit)[] };

type SearchInput = { q: string; kind: SearchKind; peer?: string; session?: string; limit: number };

export async function searchApp(db: Db, workspaceId: string, input: SearchInput): Promise<SearchHits> {
  const peerName = input.peer?.trim();
  const sessionName = input.session?.trim();
  const peer = peerName ? await findPeer(db, workspaceId, peerName) : null;
  const session = sessionName ? await findSession(db, workspaceId, sessionName) : null;
  if ((peerName && !peer) || (sessionName && !session)) return { kind: input.kind, hits: [] };
  const sessionIds = session ? [session.id] : null;

  if (input.kind === 'messages') {
    const rows = await searchMessageRows(db, { workspaceId, sessionIds, authorPeerId: peer?.id ?? null }, input.q, input.limit);
    return {
      kind: 'messages',
      hits: rows.map((r) => ({ kind: 'message', id: r.id, content: r.content, peer: r.peerName, session: r.sessionName, createdAt: r.createdAt.toISOString(), score: r.score })),
    };
  }

  const rows = await searchConclusionRows(db, { workspaceId, observedId: peer?.id ?? null, sessionIds }, input.q, input.limit);
  const peerIds = [...new Set(rows.flatMap((r) => [r.observerId, r.observedId]))];
  const sessionIdsUsed = [...new Set(rows.flatMap((r) => (r.sessionId ? [r.sessionId] : [])))];
  const [peers, sessions] = await Promise.all([
    db.peer.findMany({ where: { id: { in: peerIds } }, select: { id: true, name: true } }),
    db.session.findMany({ where: { id: { in: sessionIdsUsed } }, select: { id: true, name: true } }),
  ]);
  const peerNames = new Map(peers.map((p) => [p.id, p.name]));
  const sessionNames = new Map(sessions.map((s) => [s.id, s.name]));
  return {
    kind: 'conclusions',
    hits: rows.map((r) => ({
      kind: 'conclusion',
      id: r.id,
      content: r.content,
      level: r.level,
      observer: peerNames.get(r.observerId) ?? '',
      observed: peerNames.get(r.observedId) ?? '',
      session: r.sessionId ? (sessionNames.get(r.sessionId) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      score: r.score,
    })),
  };
}

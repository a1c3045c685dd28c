import 'server-only';
// The console's search page: the app's messages, or its conclusions, ranked by the same hybrid search the /v3 search
// routes use, optionally narrowed to one peer (author of messages, subject of conclusions) and one session. An
// unknown peer or session narrows to nothing rather than being ignored, so a typo never widens the results.
// Results are the hits that contain a word of the query (search-relevance), a page at a time, each with its fused
// score, the ranges to highlight and where it lives (the session timeline page of a message, the facts list page of
// a conclusion), so the console can open the hit itself; when nothing qualifies, the nearest rows come back as
// `loose`, for a "no good match" notice.
import type { SearchKind } from '@/contracts/console-data';
import type { Db } from '@/server/db/client';
import { findPeer } from '../peers/ensure-peer';
import { searchConclusionRows } from '../search/search-conclusion-rows';
import { searchMessageRows } from '../search/search-message-rows';
import { findSession } from '../sessions/ensure-session';
import { CONSOLE_PAGE_SIZE } from '@/contracts/console-data';
import { factListPages } from './fact-list-page';
import { highlightRanges, queryTerms } from './search-relevance';
import type { z } from 'zod';
import type { conclusionHitOutput, messageHitOutput, searchOutput } from '@/contracts/console-data-outputs';

export type MessageHit = z.output<typeof messageHitOutput>;
export type ConclusionHit = z.output<typeof conclusionHitOutput>;
type Hit = MessageHit | ConclusionHit;
export type SearchHits = z.output<typeof searchOutput>;

/** How many ranked rows the cut-off looks at; results past it are not paged to. */
export const SEARCH_POOL = 100;
export const LOOSE_MAX = 5;

type SearchInput = { q: string; kind: SearchKind; peer?: string; session?: string; limit: number; page?: number; messagesPerPage?: number };

export async function searchApp(db: Db, workspaceId: string, input: SearchInput): Promise<SearchHits> {
  const ranked = await rankedHits(db, workspaceId, input);
  const terms = queryTerms(input.q);
  const withRanges: Unplaced[] = ranked.map((hit) => ({ ...hit, highlights: highlightRanges(hit.content, terms) }));
  const good = withRanges.filter((hit) => hit.highlights.length > 0);
  const size = input.limit;
  const pages = Math.max(1, Math.ceil(good.length / size));
  // A page past the end shows the last page, as the console's lists do.
  const page = Math.min(Math.max(1, input.page ?? 1), pages);
  const shown = good.slice((page - 1) * size, page * size);
  const loose = good.length === 0 ? withRanges.slice(0, LOOSE_MAX) : [];
  const placed = await placeHits(db, workspaceId, [...shown, ...loose], input.messagesPerPage ?? 50);
  return { kind: input.kind, hits: placed.slice(0, shown.length), total: good.length, page, pages, size, terms, loose: placed.slice(shown.length) };
}

type Unplaced = Omit<MessageHit, 'page'> | Omit<ConclusionHit, 'page'>;

/** Adds to each hit the page that shows it: its session's oldest-first timeline, or its filtered facts list. */
async function placeHits(db: Db, workspaceId: string, hits: Unplaced[], messagesPerPage: number): Promise<Hit[]> {
  const messageIds = hits.filter((h) => h.kind === 'message').map((h) => h.id);
  const conclusionIds = hits.filter((h) => h.kind === 'conclusion').map((h) => h.id);
  const [positions, workspace] = await Promise.all([
    messageIds.length
      ? db.$queryRaw<{ id: string; position: number }[]>`
          SELECT m.id, (SELECT count(*) FROM messages b WHERE b.session_id = m.session_id AND b.seq < m.seq)::int AS position
          FROM messages m WHERE m.workspace_id = ${workspaceId} AND m.id = ANY(${messageIds}::text[])`
      : Promise.resolve([]),
    conclusionIds.length ? db.workspace.findUnique({ where: { id: workspaceId }, select: { name: true } }) : Promise.resolve(null),
  ]);
  const messagePages = new Map(positions.map((p) => [p.id, Math.floor(p.position / messagesPerPage) + 1]));
  const factPages = workspace ? await factListPages(db, workspace.name, conclusionIds, CONSOLE_PAGE_SIZE) : new Map<string, number>();
  return hits.map((hit) => ({ ...hit, page: (hit.kind === 'message' ? messagePages : factPages).get(hit.id) ?? 1 }) as Hit);
}

type Ranked = Omit<MessageHit, 'page' | 'highlights'> | Omit<ConclusionHit, 'page' | 'highlights'>;

async function rankedHits(db: Db, workspaceId: string, input: SearchInput): Promise<Ranked[]> {
  const peerName = input.peer?.trim();
  const sessionName = input.session?.trim();
  const peer = peerName ? await findPeer(db, workspaceId, peerName) : null;
  const session = sessionName ? await findSession(db, workspaceId, sessionName) : null;
  if ((peerName && !peer) || (sessionName && !session)) return [];
  const sessionIds = session ? [session.id] : null;

  if (input.kind === 'messages') {
    const rows = await searchMessageRows(db, { workspaceId, sessionIds, authorPeerId: peer?.id ?? null }, input.q, SEARCH_POOL);
    return rows.map((r) => ({ kind: 'message' as const, id: r.id, content: r.content, peer: r.peerName, session: r.sessionName, createdAt: r.createdAt.toISOString(), score: r.score }));
  }

  const rows = await searchConclusionRows(db, { workspaceId, observedId: peer?.id ?? null, sessionIds }, input.q, SEARCH_POOL);
  const peerIds = [...new Set(rows.flatMap((r) => [r.observerId, r.observedId]))];
  const sessionIdsUsed = [...new Set(rows.flatMap((r) => (r.sessionId ? [r.sessionId] : [])))];
  const [peers, sessions] = await Promise.all([
    db.peer.findMany({ where: { id: { in: peerIds } }, select: { id: true, name: true } }),
    db.session.findMany({ where: { id: { in: sessionIdsUsed } }, select: { id: true, name: true } }),
  ]);
  const peerNames = new Map(peers.map((p) => [p.id, p.name]));
  const sessionNames = new Map(sessions.map((s) => [s.id, s.name]));
  return rows.map((r) => ({
      kind: 'conclusion' as const,
      id: r.id,
      content: r.content,
      level: r.level,
      observer: peerNames.get(r.observerId) ?? '',
      observed: peerNames.get(r.observedId) ?? '',
      session: r.sessionId ? (sessionNames.get(r.sessionId) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      score: r.score,
    }));
}

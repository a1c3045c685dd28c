import 'server-only';
// What one chat may read (docs/api.md#s3-11): the view its conclusions come from and the sessions its messages come
// from. Every recall path (prefetch, tools, the offline answerer) derives its SQL scope from this one value, so no
// tool can read past the confinement the request was granted.
import { Prisma } from '@/generated/prisma/client';
import type { ConclusionSearchScope } from '../search/search-conclusion-rows';
import type { MessageSearchScope } from '../search/search-message-rows';

export type NamedRef = { id: string; name: string };

export type RecallScope = {
  workspace: NamedRef;
  /** Peer chat: the (observer, observed) view. Workspace chat: null, every view of the workspace. */
  view: { observer: NamedRef; observed: NamedRef } | null;
  /** Internal ids of the sessions whose messages may be read; null = every live session of the workspace. */
  messageSessionIds: readonly string[] | null;
  /** Set when recall is pinned to sessions: only explicit conclusions stated in them may be read. */
  conclusionSessionIds: readonly string[] | null;
  /** The pinned session, whose latest history the answer gets. */
  session: NamedRef | null;
};

export const DERIVED_LEVELS = ['deductive', 'inductive', 'contradiction'] as const;
export const ALL_LEVELS = ['explicit', ...DERIVED_LEVELS] as const;

// Peers and sessions whose deletion is pending are invisible at once (docs/honcho-differences.md#deletion-and-export), before any cleanup has run.
const LIVE_CONCLUSION = Prisma.sql`EXISTS (SELECT 1 FROM peers lp WHERE lp.id = c.observer_id AND lp.deleted_at IS NULL)
  AND EXISTS (SELECT 1 FROM peers lo WHERE lo.id = c.observed_id AND lo.deleted_at IS NULL)`;
export const LIVE_MESSAGE = Prisma.sql`EXISTS (SELECT 1 FROM sessions ls WHERE ls.id = m.session_id AND ls.deleted_at IS NULL)
  AND EXISTS (SELECT 1 FROM peers la WHERE la.id = m.peer_id AND la.deleted_at IS NULL)`;

export function conclusionScope(recall: RecallScope, levels: readonly string[] = ALL_LEVELS): ConclusionSearchScope {
  const pinned = recall.conclusionSessionIds !== null;
  return {
    workspaceId: recall.workspace.id,
    observerId: recall.view?.observer.id ?? null,
    observedId: recall.view?.observed.id ?? null,
    sessionIds: recall.conclusionSessionIds,
    // Derived levels reason across sessions, so their provenance cannot be confined to pinned sessions.
    levels: pinned ? levels.filter((level) => level === 'explicit') : [...levels],
    filter: LIVE_CONCLUSION,
  };
}

export function messageScope(recall: RecallScope): MessageSearchScope {
  return { workspaceId: recall.workspace.id, sessionIds: recall.messageSessionIds, filter: LIVE_MESSAGE };
}

/** The same confinement as SQL over alias `m`, for the reads search does not cover (grep, date ranges, sources). */
export function messageWhere(recall: RecallScope): Prisma.Sql {
  const parts = [Prisma.sql`m.workspace_id = ${recall.workspace.id}`, LIVE_MESSAGE];
  if (recall.messageSessionIds) parts.push(Prisma.sql`m.session_id = ANY(${[...recall.messageSessionIds]}::text[])`);
  return Prisma.join(parts, ' AND ');
}

/** Conclusion confinement as SQL over alias `c` (reasoning-chain walks). */
export function conclusionWhere(recall: RecallScope): Prisma.Sql {
  const scope = conclusionScope(recall);
  const parts = [
    Prisma.sql`c.workspace_id = ${scope.workspaceId}`,
    Prisma.sql`c.superseded_at IS NULL`,
    LIVE_CONCLUSION,
  ];
  if (scope.observerId) parts.push(Prisma.sql`c.observer_id = ${scope.observerId}`);
  if (scope.observedId) parts.push(Prisma.sql`c.observed_id = ${scope.observedId}`);
  if (scope.sessionIds) parts.push(Prisma.sql`c.session_id = ANY(${[...scope.sessionIds]}::text[])`);
  if (scope.levels) parts.push(Prisma.sql`c.level::text = ANY(${[...scope.levels]}::text[])`);
  return Prisma.join(parts, ' AND ');
}

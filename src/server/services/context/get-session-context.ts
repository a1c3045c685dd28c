import 'server-only';
// GET …/sessions/{sess}/context (docs/api.md#s3-7, docs/honcho-differences.md#context-budget): messages, summary, the target's representation and the
// observer's card about it, all within `tokens`. Option combinations are enforced here even though the SDK checks
// them too (docs/api.md#s7-16). A session that does not exist answers with no messages and no summary.
import type { z } from 'zod';
import type { sessionContextQuerySchema } from '@/contracts/context';
import type { WireMessage } from '@/contracts/messages';
import { CONTEXT_MAX_TOKENS } from '@/contracts/context';
import { getDb, type Db } from '@/server/db/client';
import type { Credential } from '../auth/credential';
import { assertOwnPeer } from '../auth/handler-checks';
import { cardUseEnabled, readCard } from '../cards/read-card';
import { InvalidInputError, NotFoundError } from '../errors';
import { toWire } from '../messages/message-rows';
import { resolveSessionIds } from '../representation/resolve-sessions';
import { sessionRestriction } from '../representation/session-allowlist';
import { selectRepresentation } from '../representation/select-representation';
import { checkScopeOption } from '../scopes/read-through-scope';
import { scopeNotFound, scopePeerName } from '../scopes/scope-peers';
import { normaliseSearchQuery } from '../search/search-query';
import { chooseSummary, fitProfile } from './fit-context-budget';
import { resolveContextNames } from './resolve-context-names';
import { selectContextMessages } from './select-context-messages';
import { summaryToWire, usableSummaries, type WireSummary } from './summary-wire';

export type SessionContextQuery = z.output<typeof sessionContextQuerySchema>;

export type SessionContext = {
  id: string;
  messages: WireMessage[];
  summary: WireSummary | null;
  peer_representation: string | null;
  peer_card: string[] | null;
};

export async function getSessionContext(
  credential: Credential,
  names: { workspace: string; session: string },
  query: SessionContextQuery,
  db: Db = getDb(),
  options: { signal?: AbortSignal } = {},
): Promise<SessionContext> {
  validateOptions(query);
  // A scope replaces the observer: the target's representation and card are what the scope holds about it.
  const scoped = checkScopeOption(credential, query.scope, {}, 'query.scope');
  const target = query.peer_target;
  const observerName = query.peer_perspective ?? target;
  // docs/api.md#s4-4: a peer credential reads only through its own eyes.
  if (observerName !== undefined && !scoped) assertOwnPeer(credential, observerName);
  const searchQuery = query.search_query ? normaliseSearchQuery(query.search_query, 'query.search_query') : null;

  const budget = query.tokens ?? CONTEXT_MAX_TOKENS;
  const result: SessionContext = { id: names.session, messages: [], summary: null, peer_representation: null, peer_card: null };
  const resolved = await resolveContextNames(db, {
    workspace: names.workspace,
    session: names.session,
    observer: target === undefined ? null
      : query.scope !== undefined ? { name: scopePeerName(query.scope), kind: 'scope' } : { name: observerName!, kind: 'peer' },
    observed: target ?? null,
  });
  if (!resolved) return result;
  if (query.scope !== undefined && resolved.observerId === null) throw new NotFoundError(scopeNotFound(query.scope));
  const { workspace, session, observerId, observedId } = resolved;

  // Independent reads run side by side: each statement costs the server a round trip more than it costs the
  // database (docs/architecture.md#statements-per-read).
  const restricted = query.limit_to_session === true || query.sessions !== undefined;
  const peers = observerId !== null && observedId !== null ? { observerId, observedId } : null;
  const withCard = peers !== null && !restricted && cardUseEnabled([session?.configuration, workspace.configuration]);
  const sessionNames = query.limit_to_session ? (session ? [session.name] : []) : (query.sessions ?? null);
  const [card, selection, summaries] = await Promise.all([
    withCard ? readCard(db, peers.observerId, peers.observedId) : null,
    peers
      ? resolveSessionIds(db, workspace.id, sessionNames).then((sessionIds) =>
          selectRepresentation(db, {
            workspaceId: workspace.id,
            observerId: peers.observerId,
            observedId: peers.observedId,
            sessionIds,
            searchQuery,
            signal: options.signal,
            searchTopK: query.search_top_k ?? null,
            searchMaxDistance: query.search_max_distance ?? null,
            includeMostFrequent: query.include_most_frequent ?? false,
            total: query.max_conclusions ?? 100,
          }))
      : null,
    session && (query.summary ?? true) ? usableSummaries(db, session.id) : null,
  ]);

  let remaining = budget;
  if (target !== undefined) {
    const fitted = fitProfile(budget, card, selection ?? { entries: [], dropOrder: [] });
    result.peer_card = fitted.card;
    result.peer_representation = fitted.representation;
    remaining = budget - fitted.cardTokens - fitted.representationTokens;
  }
  if (!session) return result;

  let fromSeq: number | null = null;
  if (summaries) {
    // The summary gets what the card and representation left (docs/api.md#s3-7 step 4), so it is chosen only now.
    const chosen = chooseSummary(Math.floor(0.4 * remaining), summaries.short, summaries.long);
    if (chosen) {
      result.summary = summaryToWire(chosen);
      remaining -= chosen.tokenCount;
      fromSeq = chosen.lastSeq;
    }
  }
  const rows = await selectContextMessages(db, session.id, remaining, fromSeq);
  result.messages = rows.map((row) => toWire(row, names));
  return result;
}

function validateOptions(query: SessionContextQuery): void {
  if (query.scope !== undefined) {
    if (query.peer_target === undefined) throw InvalidInputError.at('query.scope', 'scope requires peer_target');
    const clash = query.peer_perspective !== undefined ? 'peer_perspective' : query.sessions !== undefined ? 'sessions' : query.limit_to_session ? 'limit_to_session' : null;
    if (clash) throw InvalidInputError.at('query.scope', `scope cannot be combined with ${clash}`);
  }
  if (query.peer_perspective !== undefined && query.peer_target === undefined) {
    throw InvalidInputError.at('query.peer_perspective', 'peer_perspective requires peer_target');
  }
  if (query.sessions !== undefined && query.limit_to_session === true) {
    throw InvalidInputError.at('query.sessions', 'sessions and limit_to_session cannot be combined');
  }
  // The allowlist rules of docs/api.md#s2-6: valid ids, at most 1,000 (duplicates are harmless).
  if (query.sessions !== undefined) sessionRestriction({ session_id: query.sessions }, undefined, 'query');
}

import 'server-only';
// POST …/peers/{peer}/representation (docs/api.md#s3-10): what the path peer (observer) holds about `target`
// (observed, default itself), as the markdown of docs/api.md#s6. Unknown peers or sessions are not errors: nothing is known, "".
import type { z } from 'zod';
import { REPRESENTATION_DEFAULT_MAX, REPRESENTATION_NULL_MAX, type representationBodySchema } from '@/contracts/representation';
import { getDb, type Db } from '@/server/db/client';
import type { Credential } from '../auth/credential';
import { assertPeerMayReadSessions } from '../auth/handler-checks';
import { findPeer } from '../peers/ensure-peer';
import { checkScopeOption, resolveScopeRead } from '../scopes/read-through-scope';
import { normaliseSearchQuery } from '../search/search-query';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { renderRepresentation } from './render-representation';
import { resolveSessionIds } from './resolve-sessions';
import { selectRepresentation } from './select-representation';
import { sessionRestriction } from './session-allowlist';

export type RepresentationBody = z.output<typeof representationBodySchema>;

export async function getRepresentation(
  credential: Credential,
  target: { workspace: string; peer: string },
  body: RepresentationBody,
  db: Db = getDb(),
  options: { signal?: AbortSignal } = {},
): Promise<{ representation: string }> {
  const scoped = checkScopeOption(
    credential,
    body.scope,
    { session_id: body.session_id != null, filters: body.filters !== undefined && body.filters !== null },
    'body.scope',
  );
  const searchQuery = body.search_query ? normaliseSearchQuery(body.search_query, 'body.search_query') : null;
  const restriction = sessionRestriction(body.filters, body.session_id);
  // docs/api.md#s4-4: a peer credential may only name sessions it is an active member of.
  await assertPeerMayReadSessions(credential, restriction ?? [], db);

  const nothing = { representation: '' };
  const workspace = await findWorkspace(db, target.workspace);
  if (!workspace) return nothing;
  // One scope is the observer; a list of scopes restricts the path peer's view to their sessions.
  const read = scoped ? await resolveScopeRead(db, workspace.id, body.scope!, 'body.scope') : null;
  const [observer, observed] = await Promise.all([
    read?.kind === 'observer' ? read.scope : findPeer(db, workspace.id, target.peer),
    findPeer(db, workspace.id, body.target ?? target.peer),
  ]);
  if (!observer || !observed) return nothing;
  const selection = await selectRepresentation(db, {
    workspaceId: workspace.id,
    observerId: observer.id,
    observedId: observed.id,
    sessionIds: read?.kind === 'sessions' ? read.sessionIds : await resolveSessionIds(db, workspace.id, restriction),
    searchQuery,
    signal: options.signal,
    searchTopK: body.search_top_k ?? null,
    searchMaxDistance: body.search_max_distance ?? null,
    includeMostFrequent: body.include_most_frequent ?? false,
    // Omitted → 25; an explicit null → 100 (docs/api.md#s3-10).
    total: body.max_conclusions === undefined ? REPRESENTATION_DEFAULT_MAX : (body.max_conclusions ?? REPRESENTATION_NULL_MAX),
  });
  return { representation: renderRepresentation(selection.entries) };
}

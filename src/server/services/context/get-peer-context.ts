import 'server-only';
// GET …/peers/{peer}/context (docs/api.md#s3-10): the path peer's representation of `target` (default itself) and
// its card about it, unrestricted by session, in one call. Most-frequent conclusions are included by default.
import type { z } from 'zod';
import type { peerContextQuerySchema } from '@/contracts/representation';
import { getDb, type Db } from '@/server/db/client';
import { cardUseEnabled, readCard } from '../cards/read-card';
import { NotFoundError } from '../errors';
import { findPeer } from '../peers/ensure-peer';
import { normaliseSearchQuery } from '../search/search-query';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { renderRepresentation } from '../representation/render-representation';
import { selectRepresentation } from '../representation/select-representation';

export type PeerContextQuery = z.output<typeof peerContextQuerySchema>;

export async function getPeerContext(names: { workspace: string; peer: string }, query: PeerContextQuery, db: Db = getDb(), options: { signal?: AbortSignal } = {}) {
  const searchQuery = query.search_query ? normaliseSearchQuery(query.search_query, 'query.search_query') : null;
  const workspace = await findWorkspace(db, names.workspace);
  const observer = workspace ? await findPeer(db, workspace.id, names.peer) : null;
  if (!workspace || !observer) throw new NotFoundError(`Peer ${names.peer} not found`);
  const targetName = query.target ?? names.peer;
  const observed = targetName === names.peer ? observer : await findPeer(db, workspace.id, targetName);
  const result = { peer_id: names.peer, target_id: targetName, representation: '', peer_card: null as string[] | null };
  if (!observed) return result;

  const selection = await selectRepresentation(db, {
    workspaceId: workspace.id,
    observerId: observer.id,
    observedId: observed.id,
    sessionIds: null,
    searchQuery,
    signal: options.signal,
    searchTopK: query.search_top_k ?? null,
    searchMaxDistance: query.search_max_distance ?? null,
    includeMostFrequent: query.include_most_frequent ?? true,
    total: query.max_conclusions ?? 100,
  });
  result.representation = renderRepresentation(selection.entries);
  if (cardUseEnabled([workspace.configuration])) result.peer_card = await readCard(db, observer.id, observed.id);
  return result;
}

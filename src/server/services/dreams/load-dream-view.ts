import 'server-only';
// Everything a dream reads about one (observer, observed) view before the model runs: the peers, the effective
// switches (dream.enabled, peer_card.create), the view's live conclusions (not deleted, not superseded) and its
// card. Read outside any transaction; the write step re-checks what may have changed meanwhile.
import type { DreamType } from '@/contracts/dreams';
import type { DbClient } from '@/server/db/client';
import type { DreamConclusion } from '@/server/models/engine-types';
import { effectiveDreamEnabled, effectivePeerCardCreate } from './dream-configuration';
import { dreamMaxInputConclusions, dreamsEnabledGlobally } from '@/server/config/dream-config';
import type { DreamPayload } from './enqueue-dream';

export type ViewConclusion = DreamConclusion & { sessionId: string | null };

export type DreamView = {
  workspaceId: string;
  observer: { id: string; name: string };
  observed: { id: string; name: string };
  mode: DreamType;
  rebuild: boolean;
  cardCreate: boolean;
  /** Oldest first; at most DREAM_MAX_INPUT_CONCLUSIONS (the most recent ones). */
  conclusions: ViewConclusion[];
  card: string[] | null;
  /** explicit_since_dream as read now: the write subtracts it, so facts learned during the dream still count. */
  explicitSinceDream: number;
};

export type SkippedDream = { skipped: string };

type DreamItem = { workspaceId: string; senderId: string | null; observerIds: readonly string[]; payload: Record<string, unknown> };

export function readDreamPayload(payload: Record<string, unknown>): DreamPayload {
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : null);
  return {
    dream_type: payload.dream_type === 'card_refresh' ? 'card_refresh' : 'omni',
    session_id: text('session_id'),
    rebuild: payload.rebuild === true,
    observer: text('observer') ?? '',
    observed: text('observed') ?? text('observer') ?? '',
    automatic: payload.automatic === true,
  };
}

async function resolvePeer(db: DbClient, workspaceId: string, id: string | null | undefined, name: string, scopeAllowed = false) {
  // By internal id when the item has one; by wire id for dreams scheduled before the peer existed.
  const where = id ? { id, workspaceId } : { workspaceId, name };
  const peer = id || name ? await db.peer.findFirst({ where }) : null;
  // A scope may hold a view (it observes its sessions) but is never the observed peer.
  const kindAllowed = peer?.kind === 'peer' || (scopeAllowed && peer?.kind === 'scope');
  return peer && !peer.deletedAt && kindAllowed ? { id: peer.id, name: peer.name } : null;
}

export async function loadDreamView(db: DbClient, item: DreamItem): Promise<DreamView | SkippedDream> {
  const payload = readDreamPayload(item.payload);
  if (!dreamsEnabledGlobally()) return { skipped: 'dreams are disabled on this server' };
  const workspace = await db.workspace.findUnique({ where: { id: item.workspaceId } });
  if (!workspace) return { skipped: 'workspace no longer exists' };
  const observer = await resolvePeer(db, workspace.id, item.observerIds[0], payload.observer, true);
  const observed = await resolvePeer(db, workspace.id, item.senderId, payload.observed);
  if (!observer || !observed) return { skipped: 'observer or observed peer does not exist' };
  const session = payload.session_id
    ? await db.session.findFirst({ where: { workspaceId: workspace.id, name: payload.session_id, deletedAt: null } })
    : null;
  const layers = [session?.configuration, workspace.configuration];
  if (!effectiveDreamEnabled(layers)) return { skipped: 'dream.enabled is false' };
  const cardCreate = effectivePeerCardCreate(layers);
  if (payload.dream_type === 'card_refresh' && !cardCreate) return { skipped: 'peer_card.create is false' };

  const rows = await db.conclusion.findMany({
    where: { workspaceId: workspace.id, observerId: observer.id, observedId: observed.id, supersededAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: dreamMaxInputConclusions(),
    select: { id: true, level: true, content: true, createdAt: true, sourceIds: true, sessionId: true },
  });
  const card = payload.rebuild
    ? null
    : ((await db.peerCard.findUnique({ where: { observerId_observedId: { observerId: observer.id, observedId: observed.id } } }))?.entries ?? null);
  const view = await db.peerView.findUnique({ where: { observerId_observedId: { observerId: observer.id, observedId: observed.id } } });
  return {
    workspaceId: workspace.id,
    observer,
    observed,
    mode: payload.dream_type,
    rebuild: payload.rebuild,
    cardCreate,
    conclusions: rows.reverse(),
    card,
    explicitSinceDream: view?.explicitSinceDream ?? 0,
  };
}

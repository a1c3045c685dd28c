import 'server-only';
// Records one `dream` work item in the caller's transaction, unless an identical dream is already pending or
// running (schedule_dream is retried by the SDK and must be idempotent, docs/api.md#s1-9). A transaction-scoped advisory lock on
// the unit key serialises concurrent schedulers of one view on a real server, so the check-then-insert cannot
// produce twins.
//
// The unit is the (observer, observed) view, by internal peer ids when the peers exist. Peers are not validated
// (docs/api.md#s3-12): a dream about peers that do not exist yet is keyed by their wire ids and completes without output.
import type { DreamType } from '@/contracts/dreams';
import type { DbClient } from '@/server/db/client';
import { DREAM_MAX_ATTEMPTS } from './dream-settings';

export type DreamPeerRef = { id: string | null; name: string };

export type DreamRequest = {
  /** Internal workspace key. */
  workspaceId: string;
  observer: DreamPeerRef;
  observed: DreamPeerRef;
  dreamType: DreamType;
  /** Wire id of the session named in the request, with its internal key when it exists. */
  session: { id: string | null; name: string } | null;
  rebuild: boolean;
  /** Scheduled by the thresholds of docs/api.md#s5-6 rather than by an API call. */
  automatic?: boolean;
};

/** The payload a dream work item carries; the handler reads it back. */
export type DreamPayload = {
  dream_type: DreamType;
  session_id: string | null;
  rebuild: boolean;
  observer: string;
  observed: string;
  automatic: boolean;
};

const peerKey = (peer: DreamPeerRef) => peer.id ?? `name:${peer.name}`;

export function dreamUnitKey(observer: DreamPeerRef, observed: DreamPeerRef): string {
  return `dream:${peerKey(observer)}:${peerKey(observed)}`;
}

/** Returns true when a new item was recorded, false when an identical dream was already waiting or running. */
export async function enqueueDream(tx: DbClient, request: DreamRequest): Promise<boolean> {
  const unitKey = dreamUnitKey(request.observer, request.observed);
  const sessionName = request.session?.name ?? null;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${unitKey}, 0))`;
  const identical = await tx.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM work_items
    WHERE workspace_id = ${request.workspaceId} AND kind = 'dream' AND unit_key = ${unitKey}
      AND status IN ('pending', 'in_progress')
      AND payload->>'dream_type' = ${request.dreamType}
      AND (payload->>'session_id') IS NOT DISTINCT FROM ${sessionName}::text
      AND COALESCE((payload->>'rebuild')::boolean, false) = ${request.rebuild}
    LIMIT 1`;
  if (identical.length > 0) return false;
  const payload: DreamPayload = {
    dream_type: request.dreamType,
    session_id: sessionName,
    rebuild: request.rebuild,
    observer: request.observer.name,
    observed: request.observed.name,
    automatic: request.automatic ?? false,
  };
  await tx.workItem.create({
    data: {
      workspaceId: request.workspaceId,
      kind: 'dream',
      unitKey,
      sessionId: request.session?.id ?? null,
      senderId: request.observed.id,
      observerIds: request.observer.id ? [request.observer.id] : [],
      payload,
      maxAttempts: DREAM_MAX_ATTEMPTS,
    },
  });
  return true;
}

import 'server-only';
// The one writer of conclusions, shared by the API, derivation and dreams. Inside the caller's transaction it inserts
// each conclusion with its provenance (message links, `message_ids`, `message_created_at`), token count and embedding,
// and — when asked — de-duplicates against the (observer, observed) view first (docs/api.md#s5-3):
// - exact duplicate → the existing row's times_derived grows and it gains the new message links; nothing new stored;
// - semantic duplicate → one row survives with the more informative text and the combined times_derived.
// The surviving row keeps its id either way, so `source_ids` that cite it stay valid.
// Embeddings are computed by the caller before the transaction (model calls never run inside one).
import type { ConclusionLevelName } from '@/contracts/conclusions';
import type { DbClient } from '@/server/db/client';
import { getVectorStorage } from '@/server/db/vector-storage';
import { countTokens } from '../messages/count-tokens';
import { newPublicId } from '../ids';
import { storeConclusionEmbedding, type ConclusionVector } from './conclusion-embeddings';
import { findDuplicate, informativeness, type DuplicateMatch } from './find-duplicate';

export type ConclusionDraft = {
  /** Internal peer ids. */
  observerId: string;
  observedId: string;
  /** Internal session id of origin, or null. */
  sessionId: string | null;
  level: ConclusionLevelName;
  origin: 'api' | 'deriver' | 'dream';
  content: string;
  /** Public ids of the conclusions this one was derived from (dream levels). */
  sourceIds?: readonly string[];
  /** Public ids of the messages it came from; each becomes a conclusion_messages link. */
  messageIds?: readonly string[];
  /** Time of the latest source message (the representation timestamp). */
  messageCreatedAt?: Date | null;
  /** Further provenance keys exposed as conclusion `metadata`: premises, sources, pattern_type, confidence. */
  provenance?: Record<string, unknown>;
  /** null stores the conclusion unembedded (the caller records work to embed it later). */
  embedding: ConclusionVector | null;
  /** Default 1. */
  timesDerived?: number;
};

export type WrittenConclusion = {
  id: string;
  /** created: a new row; reinforced: an exact duplicate grew; merged: a semantic duplicate absorbed this one. */
  outcome: 'created' | 'reinforced' | 'merged';
};

export async function writeConclusions(
  tx: DbClient,
  workspaceId: string,
  drafts: readonly ConclusionDraft[],
  options: { dedupe: boolean },
): Promise<WrittenConclusion[]> {
  const storage = await getVectorStorage(tx);
  const out: WrittenConclusion[] = [];
  // One at a time: a later draft of the same batch must see (and merge into) an earlier one.
  for (const draft of drafts) {
    const content = draft.content;
    const match = options.dedupe
      ? await findDuplicate(tx, storage, { ...draft, workspaceId, content, embedding: draft.embedding?.values ?? null })
      : null;
    if (match) {
      await absorb(tx, storage, workspaceId, match, { ...draft, content });
      out.push({ id: match.id, outcome: match.kind === 'exact' ? 'reinforced' : 'merged' });
    } else {
      out.push({ id: await insert(tx, storage, workspaceId, { ...draft, content }), outcome: 'created' });
    }
  }
  return out;
}

type Storage = Awaited<ReturnType<typeof getVectorStorage>>;

function provenanceOf(draft: ConclusionDraft, messageIds: readonly string[], messageCreatedAt: Date | null) {
  return {
    ...draft.provenance,
    message_ids: messageIds,
    message_created_at: messageCreatedAt ? messageCreatedAt.toISOString() : null,
  };
}

async function insert(tx: DbClient, storage: Storage, workspaceId: string, draft: ConclusionDraft): Promise<string> {
  const id = newPublicId();
  const messageIds = [...new Set(draft.messageIds ?? [])];
  const messageCreatedAt = draft.messageCreatedAt ?? null;
  await tx.$executeRaw`
    INSERT INTO conclusions (id, workspace_id, observer_id, observed_id, session_id, level, origin, content, token_count,
                             source_ids, times_derived, provenance, message_created_at)
    VALUES (${id}, ${workspaceId}, ${draft.observerId}, ${draft.observedId}, ${draft.sessionId},
            ${draft.level}::conclusion_level, ${draft.origin}::conclusion_origin, ${draft.content},
            ${countTokens(draft.content)}, ${[...(draft.sourceIds ?? [])]}::text[], ${draft.timesDerived ?? 1},
            ${JSON.stringify(provenanceOf(draft, messageIds, messageCreatedAt))}::jsonb, ${messageCreatedAt})`;
  await linkMessages(tx, workspaceId, id, messageIds);
  if (draft.embedding) await storeConclusionEmbedding(tx, storage, workspaceId, id, draft.embedding);
  return id;
}

/** Folds a duplicate draft into the existing row. */
async function absorb(tx: DbClient, storage: Storage, workspaceId: string, match: DuplicateMatch, draft: ConclusionDraft) {
  const previous = (match.provenance && typeof match.provenance === 'object' ? match.provenance : {}) as Record<string, unknown>;
  const previousIds = Array.isArray(previous.message_ids) ? previous.message_ids.filter((v): v is string => typeof v === 'string') : [];
  const messageIds = [...new Set([...previousIds, ...(draft.messageIds ?? [])])];
  const latest = [match.messageCreatedAt, draft.messageCreatedAt ?? null]
    .filter((d): d is Date => d instanceof Date)
    .reduce<Date | null>((a, b) => (a && a > b ? a : b), null);
  const sourceIds = [...new Set([...(match.sourceIds ?? []), ...(draft.sourceIds ?? [])])];
  const provenance = { ...previous, ...provenanceOf(draft, messageIds, latest) };
  // Semantic duplicates keep the more informative wording (docs/api.md#s5-3); exact ones differ only in case and spacing.
  const replaceText = match.kind === 'semantic' && informativeness(draft.content) > informativeness(match.content);
  const content = replaceText ? draft.content : match.content;
  await tx.$executeRaw`
    UPDATE conclusions
    SET times_derived = times_derived + ${draft.timesDerived ?? 1}, content = ${content},
        token_count = ${countTokens(content)}, source_ids = ${sourceIds}::text[],
        provenance = ${JSON.stringify(provenance)}::jsonb, message_created_at = ${latest}
    WHERE id = ${match.id} AND workspace_id = ${workspaceId}`;
  await linkMessages(tx, workspaceId, match.id, draft.messageIds ?? []);
  if (replaceText && draft.embedding) await storeConclusionEmbedding(tx, storage, workspaceId, match.id, draft.embedding);
}

async function linkMessages(tx: DbClient, workspaceId: string, conclusionId: string, messageIds: readonly string[]) {
  if (messageIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO conclusion_messages (workspace_id, conclusion_id, message_id)
    SELECT ${workspaceId}, ${conclusionId}, m.id FROM messages m
    WHERE m.workspace_id = ${workspaceId} AND m.id = ANY(${[...new Set(messageIds)]}::text[])
    ON CONFLICT DO NOTHING`;
}

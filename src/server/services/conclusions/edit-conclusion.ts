import 'server-only';
// Editing a fact keeps its history: the new text becomes a new conclusion of the same view, level, session, premises
// and source messages, and the old one is marked superseded by it — the supersession dreams already use, so every
// reader (representation, search, chat, the wire's lists) sees only the new text, while the old stays as history.
// The new conclusion's provenance names what it replaced (`edited_from`). It is stored unembedded, with an embedding
// work item recorded in the same transaction (no model call inside it). A fact that is gone, already replaced, or
// replaced concurrently cannot be edited (404 / 409); unchanged or over-long text is refused (422).
import { CONCLUSION_CONTENT_MAX_TOKENS } from '@/contracts/conclusions';
import type { Db } from '@/server/db/client';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { countTokens } from '../messages/count-tokens';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { recordConclusionEmbeddingWork } from './conclusion-embedding-work';
import { conclusionNotFound } from './conclusion-rows';
import { writeConclusions } from './write-conclusions';

export async function editConclusion(db: Db, workspaceName: string, conclusionId: string, text: string): Promise<{ id: string; replaced: string }> {
  const content = text.trim();
  if (!content) throw InvalidInputError.at('content', 'Must not be empty');
  if (countTokens(content) > CONCLUSION_CONTENT_MAX_TOKENS) throw InvalidInputError.at('content', `Must be at most ${CONCLUSION_CONTENT_MAX_TOKENS} tokens`);
  const workspace = await findWorkspace(db, workspaceName);
  if (!workspace) throw new NotFoundError(conclusionNotFound(conclusionId));

  return db.$transaction(async (tx) => {
    // Locked, so a concurrent edit, dream or delete waits and then sees the outcome of this one.
    const [old] = await tx.$queryRaw<
      { id: string; observer_id: string; observed_id: string; session_id: string | null; level: 'explicit' | 'deductive' | 'inductive' | 'contradiction'; content: string; source_ids: string[]; provenance: unknown; superseded_at: Date | null; message_created_at: Date | null }[]
    >`SELECT id, observer_id, observed_id, session_id, level::text AS level, content, source_ids, provenance, superseded_at, message_created_at
      FROM conclusions WHERE id = ${conclusionId} AND workspace_id = ${workspace.id} FOR UPDATE`;
    if (!old) throw new NotFoundError(conclusionNotFound(conclusionId));
    if (old.superseded_at) throw new ConflictError(`Conclusion ${conclusionId} was already replaced; edit the fact that replaced it`);
    if (old.content === content) throw InvalidInputError.at('content', 'The text is unchanged');

    const links = await tx.conclusionMessage.findMany({ where: { conclusionId: old.id }, select: { messageId: true } });
    const provenance = old.provenance && typeof old.provenance === 'object' && !Array.isArray(old.provenance) ? (old.provenance as Record<string, unknown>) : {};
    const { message_ids: _ids, message_created_at: _at, ...kept } = provenance;
    const [written] = await writeConclusions(
      tx,
      workspace.id,
      [
        {
          observerId: old.observer_id,
          observedId: old.observed_id,
          sessionId: old.session_id,
          level: old.level,
          origin: 'api',
          content,
          sourceIds: old.source_ids,
          messageIds: links.map((l) => l.messageId),
          messageCreatedAt: old.message_created_at,
          provenance: { ...kept, edited_from: old.id },
          embedding: null,
        },
      ],
      { dedupe: false },
    );
    await tx.conclusion.update({ where: { id: old.id }, data: { supersededAt: new Date(), supersededById: written!.id } });
    await recordConclusionEmbeddingWork(tx, workspace.id, [written!.id]);
    return { id: written!.id, replaced: old.id };
  });
}

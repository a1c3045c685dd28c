import 'server-only';
// POST …/sessions/{sess}/clone (docs/api.md#s3-4, docs/honcho-differences.md#workspace-scoped-clone): a new session with a generated id, the source's metadata and
// configuration, copies of its messages (all, or up to and including `message_id` in insertion order) and of its
// memberships. Everything is looked up inside the workspace only. Copies get new ids, created_at = now and fresh
// per-session sequence numbers 1..n; their embeddings are copied (same content, same vectors and signatures). Conclusions are not
// copied and no background work is recorded. One transaction: once it commits, the 201 cannot turn into a 5xx.
import type { SessionWire } from '@/contracts/sessions';
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { newInternalId, newPublicId } from '../ids';
import { sessionToWire } from '../wire-format';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { requireSession } from './ensure-session';
import { inSessionTransaction } from './session-transaction';

export async function cloneSession(workspaceName: string, sessionName: string, messageId?: string): Promise<SessionWire> {
  return inSessionTransaction(async (tx) => {
    const workspace = await requireWorkspace(tx, workspaceName);
    const source = await requireSession(tx, workspace.id, sessionName, workspace.name);
    // A consistent cut: appends to the source wait until the copy is taken.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM sessions WHERE id = ${source.id} AND deleted_at IS NULL FOR SHARE`;
    if (locked.length === 0) throw new NotFoundError(`Session ${sessionName} not found in workspace ${workspace.name}`);
    const cutoff = messageId === undefined ? null : await cutoffSeq(tx, workspace.id, source.id, messageId, sessionName);

    const messages = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM messages
      WHERE workspace_id = ${workspace.id} AND session_id = ${source.id}
        AND (${cutoff}::int IS NULL OR seq <= ${cutoff}::int)
      ORDER BY seq`;

    const cloneId = newInternalId();
    await tx.$executeRaw`
      INSERT INTO sessions (id, workspace_id, name, is_active, metadata, configuration, last_seq)
      SELECT ${cloneId}, workspace_id, ${newPublicId()}, is_active, metadata, configuration, ${messages.length}
      FROM sessions WHERE id = ${source.id}`;

    await copyMessages(tx, cloneId, messages.map((m) => m.id));
    await copyMemberships(tx, workspace.id, source.id, cloneId);

    const clone = await tx.session.findUnique({ where: { id: cloneId } });
    if (!clone) throw new Error('cloned session vanished inside its own transaction');
    return sessionToWire(clone, workspace.name);
  });
}

async function cutoffSeq(tx: DbClient, workspaceId: string, sessionId: string, messageId: string, sessionName: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ seq: number }[]>`
    SELECT seq FROM messages
    WHERE id = ${messageId} AND workspace_id = ${workspaceId} AND session_id = ${sessionId}`;
  if (!row) throw new NotFoundError(`Message ${messageId} not found in session ${sessionName}`);
  return row.seq;
}

/** Copies the messages (given in insertion order) into the clone as seq 1..n, then their embeddings. */
async function copyMessages(tx: DbClient, cloneId: string, sourceIds: string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  const newIds = sourceIds.map(() => newPublicId());
  const seqs = sourceIds.map((_, i) => i + 1);
  // ORDER BY keeps inserted_order (the cross-session insertion order) in the copies' sequence order.
  await tx.$executeRaw`
    INSERT INTO messages (id, workspace_id, session_id, peer_id, seq, content, token_count, metadata, configuration, created_at)
    SELECT c.new_id, m.workspace_id, ${cloneId}, m.peer_id, c.new_seq, m.content, m.token_count, m.metadata, m.configuration, now()
    FROM unnest(${sourceIds}::text[], ${newIds}::text[], ${seqs}::int[]) AS c(old_id, new_id, new_seq)
    JOIN messages m ON m.id = c.old_id
    ORDER BY c.new_seq`;

  const chunks = await tx.$queryRaw<{ id: string; message_id: string }[]>`
    SELECT id, message_id FROM message_embeddings WHERE message_id = ANY(${sourceIds}::text[])`;
  if (chunks.length === 0) return;
  const newIdOf = new Map(sourceIds.map((id, i) => [id, newIds[i]!]));
  await tx.$executeRaw`
    INSERT INTO message_embeddings (id, workspace_id, message_id, chunk_index, char_start, char_end, model, embedding, signature, list_id)
    SELECT c.new_id, e.workspace_id, c.new_message_id, e.chunk_index, e.char_start, e.char_end, e.model, e.embedding, e.signature, e.list_id
    FROM unnest(${chunks.map((c) => c.id)}::text[], ${chunks.map(() => newInternalId())}::text[],
                ${chunks.map((c) => newIdOf.get(c.message_id)!)}::text[]) AS c(old_id, new_id, new_message_id)
    JOIN message_embeddings e ON e.id = c.old_id`;
}

/**
 * Copies membership rows (config, join/leave state, registration order) and their join → leave windows. Scope
 * memberships are not copied: a scope names its sessions explicitly, and a clone joins one only when added.
 */
async function copyMemberships(tx: DbClient, workspaceId: string, sourceId: string, cloneId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO session_peers (workspace_id, session_id, peer_id, observe_me, observe_others, joined_at, left_at, created_at)
    SELECT sp.workspace_id, ${cloneId}, sp.peer_id, sp.observe_me, sp.observe_others, sp.joined_at, sp.left_at, sp.created_at
    FROM session_peers sp JOIN peers p ON p.id = sp.peer_id AND p.kind = 'peer'
    WHERE sp.workspace_id = ${workspaceId} AND sp.session_id = ${sourceId}`;
  const periods = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM session_membership_periods WHERE workspace_id = ${workspaceId} AND session_id = ${sourceId}`;
  if (periods.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO session_membership_periods (id, workspace_id, session_id, peer_id, joined_at, left_at)
    SELECT c.new_id, p.workspace_id, ${cloneId}, p.peer_id, p.joined_at, p.left_at
    FROM unnest(${periods.map((p) => p.id)}::text[], ${periods.map(() => newInternalId())}::text[]) AS c(old_id, new_id)
    JOIN session_membership_periods p ON p.id = c.old_id`;
}

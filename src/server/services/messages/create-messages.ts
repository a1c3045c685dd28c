import 'server-only';
// Appending messages to a session (docs/api.md#s3-6), the one write path for POST …/messages and uploads.
//
// Usually one statement (append-if-unchanged.ts): plan from what resolving the target read (or what this process's
// previous write to the session left behind, write-state-cache.ts), then lock, join and insert at once if none of
// it changed. Otherwise one transaction: lock the session row while allocating gap-free
// sequence numbers (UPDATE … last_seq = last_seq + n RETURNING), join the authors, insert every message in one
// multi-row INSERT and, in the same statement, record the background work the messages cause as work_items rows
// (docs/api.md#s5-1 to #s5-4). Both paths write the same rows. The work is
// durable the moment the messages are, and nothing runs after the commit that could turn a stored write into a 5xx
// (docs/api.md#s1-9: the SDK retries POSTs on 5xx and would duplicate the messages).
import type { Prisma } from '@/generated/prisma/client';
import type { MessageConfiguration, MessageCreateInput, WireMessage } from '@/contracts/messages';
import { getDb, type Db, type DbClient } from '@/server/db/client';
import { transactionLimits } from '@/server/db/transaction-limits';
import { NotFoundError } from '../errors';
import { newPublicId } from '../ids';
import { countMessageTokens } from './count-tokens-pool';
import { joinAuthors } from './join-authors';
import { toWire, type MessageWithAuthor } from './message-rows';
import { metrics } from '@/server/observability/metrics';
import { insertMessageRows, type AssignedColumns } from './insert-message-rows';
import { appendIfUnchanged } from './append-if-unchanged';
import { cachedWriteTarget, forgetWriteTarget, rememberWriteTarget } from './write-state-cache';
import { planMessageWork } from './plan-message-work';
import { resolveWriteTarget, type WriteTarget } from './resolve-write-target';

export type MessageTarget = { workspace: string; session: string };


type Prepared = {
  id: string;
  peerName: string;
  peerId: string;
  content: string;
  tokenCount: number;
  metadata: Record<string, unknown>;
  configuration: MessageConfiguration;
  createdAt: Date | null;
};

type LockedSession = { last_seq: number; session_configuration: unknown; workspace_configuration: unknown };

/** Stores the messages in input order and returns them as the wire shows them. */
export async function createMessages(
  target: MessageTarget,
  messages: readonly MessageCreateInput[],
  db: Db = getDb(),
): Promise<WireMessage[]> {
  if (messages.length === 0) return [];
  // CPU work first: the session lock is held only for the database round trips. A batch is counted in a worker
  // thread (small writes in place, yielding to the event loop), so a batch of long texts stalls no other request.
  const tokenCounts = await countMessageTokens(messages.map((m) => m.content));
  const authorNames = [...new Set(messages.map((m) => m.peer_id))];
  const prepare = (resolved: WriteTarget): Prepared[] =>
    messages.map((m, i) => ({
      id: newPublicId(),
      peerName: m.peer_id,
      peerId: resolved.peerIds.get(m.peer_id)!,
      content: m.content,
      tokenCount: tokenCounts[i]!,
      metadata: m.metadata ?? {},
      configuration: m.configuration ?? {},
      createdAt: m.created_at ?? null,
    }));

  // A repeated write to the same session by the same authors starts from what the previous one left behind.
  const cached = cachedWriteTarget(target.workspace, target.session, authorNames);
  const fromCache = cached && (await appendFast(db, target, authorNames, cached, prepare(cached)));
  if (fromCache) return created(fromCache.map((row) => toWire(row, target)));

  const resolved = await resolveWriteTarget(db, target.workspace, target.session, authorNames);
  const prepared = prepare(resolved);
  const rows = (await appendFast(db, target, authorNames, resolved, prepared)) ??
    (await db.$transaction((tx) => appendInTransaction(tx, target, resolved, prepared), transactionLimits('messageAppend')));
  return created(rows.map((row) => toWire(row, target)));
}

/** Counts what was committed: every path above returns only after its write is durable. */
function created(messages: WireMessage[]): WireMessage[] {
  metrics().messagesCreated.inc(messages.length);
  return messages;
}

/** The one-statement append when everything already existed and nothing changed since it was read; else null. */
async function appendFast(
  db: Db,
  target: MessageTarget,
  authorNames: readonly string[],
  resolved: WriteTarget,
  prepared: readonly Prepared[],
): Promise<MessageWithAuthor[] | null> {
  const { state } = resolved;
  if (!state) return null;
  const appended = await appendIfUnchanged(db, { ...resolved, state }, authorNames, prepared);
  if (appended?.next) rememberWriteTarget(target.workspace, target.session, authorNames, { ...resolved, state: appended.next });
  else forgetWriteTarget(target.workspace, target.session, authorNames);
  return appended && withInput(resolved, prepared, appended.firstSeq, appended.rows);
}

async function appendInTransaction(
  tx: DbClient,
  target: MessageTarget,
  resolved: WriteTarget,
  prepared: readonly Prepared[],
): Promise<MessageWithAuthor[]> {
  const { sessionId } = resolved;
  const [locked] = await tx.$queryRaw<LockedSession[]>`
    UPDATE sessions s SET last_seq = s.last_seq + ${prepared.length}
    FROM workspaces w
    WHERE s.id = ${sessionId} AND s.deleted_at IS NULL AND w.id = s.workspace_id
    RETURNING s.last_seq, s.configuration AS session_configuration, w.configuration AS workspace_configuration`;
  // Deleted between resolving and locking.
  if (!locked) throw new NotFoundError(`Session ${target.session} not found in workspace ${target.workspace}`);
  const firstSeq = locked.last_seq - prepared.length + 1;

  const members = await joinAuthors(tx, resolved, prepared.map((p) => p.peerId));
  const work = planMessageWork({
    sessionId,
    messages: prepared.map((p, i) => ({ id: p.id, seq: firstSeq + i, senderId: p.peerId, configuration: p.configuration })),
    members,
    sessionConfiguration: locked.session_configuration,
    workspaceConfiguration: locked.workspace_configuration,
  });

  const inserted = await insertMessageRows(tx, resolved, prepared.map((p, i) => ({ ...p, seq: firstSeq + i })), work);
  return withInput(resolved, prepared, firstSeq, inserted);
}

/** The rows as stored: only what the database assigned comes back; the content (up to 2.5 MB per batch) is here. */
function withInput(resolved: WriteTarget, prepared: readonly Prepared[], firstSeq: number, inserted: readonly AssignedColumns[]): MessageWithAuthor[] {
  const assigned = new Map(inserted.map((row) => [row.id, row]));
  return prepared.map((p, i) => ({
    ...assigned.get(p.id)!,
    workspaceId: resolved.workspaceId,
    sessionId: resolved.sessionId,
    peerId: p.peerId,
    peerName: p.peerName,
    seq: firstSeq + i,
    content: p.content,
    tokenCount: p.tokenCount,
    metadata: p.metadata as Prisma.JsonObject,
    configuration: p.configuration as Prisma.JsonObject,
  }));
}

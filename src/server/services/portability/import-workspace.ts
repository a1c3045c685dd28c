import 'server-only';
// POST …/workspaces/{ws}/import (docs/portability.md): applies one batch of `rapport.workspace-export/1` lines in one
// transaction. Guarantees:
// - ids, sequence numbers and timestamps are written as exported; rows already there are left alone, so re-sending a
//   batch (or the whole file) writes nothing, and a client resumes after `imported_through`;
// - the target must be new, empty, or already importing the same export (same source workspace and export time);
// - imported messages come with their conclusions and summaries, so no derivation or summary work is queued for them;
//   only embeddings the file did not carry (or carried at another dimension) are queued for the worker.
import { WORKSPACE_EXPORT_FORMAT, exportLine, type ConclusionLine, type ExportLine, type MessageLine } from '@/contracts/portability';
import { getDb, type DbClient } from '@/server/db/client';
import { transactionLimits } from '@/server/db/transaction-limits';
import { getVectorStorage } from '@/server/db/vector-storage';
import * as rows from '@/server/db/workspace-import-rows';
import type { VectorStorage } from '@/server/db/vector-setup';
import { recordConclusionEmbeddingWork } from '../conclusions/conclusion-embedding-work';
import { storeConclusionEmbedding } from '../conclusions/conclusion-embeddings';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { newInternalId } from '../ids';
import { storeMessageEmbeddings } from '../search/store-message-embeddings';
import { ensureWorkspace, findWorkspace } from '../workspaces/ensure-workspace';

export type ImportProgress = { imported_through: number; completed: boolean; applied: number };

type Numbered<T> = { n: number; line: T };
type LineOf<K extends ExportLine['type']> = Extract<ExportLine, { type: K }>;

/** 422 naming the line, in the same `errors` shape as every other validation failure. */
function lineError(n: number, message: string): InvalidInputError {
  return new InvalidInputError([{ path: `body.lines[${n}]`, message }], `line ${n}: ${message}`);
}

function parseLines(firstLine: number, lines: readonly string[]): Numbered<ExportLine>[] {
  return lines.map((text, i) => {
    const n = firstLine + i;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw lineError(n, 'not valid JSON');
    }
    const parsed = exportLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      throw lineError(n, `${where}${issue.message}`);
    }
    if ((parsed.data.type === 'header') !== (n === 1)) {
      throw lineError(n, n === 1 ? 'the first line of an export must be its header' : 'a header may only be line 1');
    }
    return { n, line: parsed.data };
  });
}

export async function importWorkspaceBatch(workspaceName: string, firstLine: number, lines: readonly string[]): Promise<ImportProgress> {
  const parsed = parseLines(firstLine, lines);
  const header = parsed[0]?.line.type === 'header' ? parsed[0].line : null;
  const db = getDb();

  const workspace = header ? (await ensureWorkspace(db, workspaceName)).workspace : await findWorkspace(db, workspaceName);
  if (!workspace) throw new NotFoundError(`Workspace ${workspaceName} not found`);

  return db.$transaction(async (tx) => {
    // One import per workspace at a time: concurrent batches would race on the marker and on name lookups.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`import:${workspace.id}`}))`;
    let marker = await rows.readImportMarker(tx, workspace.id);
    if (header) {
      const source = { format: WORKSPACE_EXPORT_FORMAT, sourceWorkspace: header.workspace_id, exportedAt: header.exported_at };
      if (!marker) {
        if (await rows.workspaceHasData(tx, workspace.id)) {
          throw new ConflictError(`Workspace ${workspaceName} is not empty; import into a new or empty workspace`);
        }
        await rows.insertImportMarker(tx, workspace.id, source);
        marker = { ...source, lastLine: 1, completed: false };
      } else if (marker.sourceWorkspace !== source.sourceWorkspace || marker.exportedAt !== source.exportedAt) {
        throw new ConflictError(
          `Workspace ${workspaceName} is importing the export of ${marker.sourceWorkspace} taken at ${marker.exportedAt}, not this one`,
        );
      }
    } else if (!marker) {
      throw new ConflictError(`Workspace ${workspaceName} has no import in progress; send the export's header (line 1) first`);
    }
    if (firstLine > marker.lastLine + 1) {
      throw new ConflictError(`Lines ${marker.lastLine + 1}–${firstLine - 1} have not been imported; resume at line ${marker.lastLine + 1}`);
    }

    const storage = await getVectorStorage(tx);
    const applied = await applyLines(tx, workspace.id, parsed, storage);
    const last = parsed[parsed.length - 1]!;
    if (last.line.type === 'end' && last.line.lines !== last.n - 1) {
      throw lineError(last.n, `the end line counts ${last.line.lines} lines before it, but it is line ${last.n}`);
    }
    const through = await rows.advanceImportMarker(tx, workspace.id, firstLine, last.n, last.line.type === 'end');
    const completed = marker.completed || last.line.type === 'end';
    return { imported_through: through, completed, applied };
  }, transactionLimits('importBatch'));
}

/** Applies runs of same-type lines in file order (the export writes every kind after what it refers to). */
async function applyLines(tx: DbClient, workspaceId: string, lines: readonly Numbered<ExportLine>[], storage: VectorStorage): Promise<number> {
  let applied = 0;
  for (let i = 0; i < lines.length; ) {
    const type = lines[i]!.line.type;
    let j = i;
    while (j < lines.length && lines[j]!.line.type === type) j += 1;
    applied += await applyRun(tx, workspaceId, lines.slice(i, j), storage);
    i = j;
  }
  return applied;
}

/** Resolves names to internal ids, failing on the first line that names something the import has not seen. */
async function resolver(tx: DbClient, workspaceId: string, table: 'peers' | 'sessions', wanted: readonly { n: number; name: string }[]) {
  const ids = await rows.idsByName(tx, table, workspaceId, wanted.map((w) => w.name));
  for (const w of wanted) {
    if (!ids.has(w.name)) throw lineError(w.n, `${table === 'peers' ? 'peer' : 'session'} ${w.name} is not in the import (its line must come first)`);
  }
  return (name: string) => ids.get(name)!;
}

async function refuseForeignIds(
  tx: DbClient,
  table: 'messages' | 'conclusions' | 'session_summaries' | 'webhook_endpoints',
  workspaceId: string,
  run: readonly Numbered<{ id: string }>[],
  written: readonly string[],
): Promise<void> {
  const done = new Set(written);
  const skipped = run.filter((r) => !done.has(r.line.id));
  const taken = new Set(await rows.idsTakenElsewhere(tx, table, workspaceId, skipped.map((r) => r.line.id)));
  const first = skipped.find((r) => taken.has(r.line.id));
  if (first) {
    throw new ConflictError(
      `line ${first.n}: id ${first.line.id} already belongs to another workspace on this server; ids are kept exactly, so import ` +
        'into another server or delete the source workspace first',
    );
  }
}

async function applyRun(tx: DbClient, workspaceId: string, run: readonly Numbered<ExportLine>[], storage: VectorStorage): Promise<number> {
  const of = <K extends ExportLine['type']>() => run as unknown as Numbered<LineOf<K>>[];
  switch (run[0]!.line.type) {
    case 'header':
    case 'end':
      return 0;
    case 'workspace': {
      const { line } = of<'workspace'>()[run.length - 1]!;
      await rows.updateImportedWorkspace(tx, workspaceId, { metadata: line.metadata, configuration: line.configuration, createdAt: line.created_at });
      return 0;
    }
    case 'peer':
      return rows.insertPeers(
        tx,
        workspaceId,
        of<'peer'>().map(({ n, line }) => {
          if (line.kind === 'scope' !== line.id.startsWith('scope.')) throw lineError(n, 'scope peers, and only they, are named scope.<id>');
          return { id: newInternalId(), name: line.id, kind: line.kind, metadata: line.metadata, configuration: line.configuration, createdAt: line.created_at };
        }),
      );
    case 'session':
      return rows.insertSessions(
        tx,
        workspaceId,
        of<'session'>().map(({ line }) => ({
          id: newInternalId(),
          name: line.id,
          isActive: line.is_active,
          metadata: line.metadata,
          configuration: line.configuration,
          createdAt: line.created_at,
        })),
      );
    case 'membership':
    case 'membership_period': {
      const items = run as Numbered<LineOf<'membership'> | LineOf<'membership_period'>>[];
      const session = await resolver(tx, workspaceId, 'sessions', items.map(({ n, line }) => ({ n, name: line.session_id })));
      const peer = await resolver(tx, workspaceId, 'peers', items.map(({ n, line }) => ({ n, name: line.peer_id })));
      if (run[0]!.line.type === 'membership_period') {
        return rows.insertMembershipPeriods(
          tx,
          workspaceId,
          items.map(({ line }) => ({
            id: newInternalId(),
            sessionId: session(line.session_id),
            peerId: peer(line.peer_id),
            joinedAt: line.joined_at,
            leftAt: line.left_at,
          })),
        );
      }
      return rows.insertMemberships(
        tx,
        workspaceId,
        of<'membership'>().map(({ line }) => ({
          sessionId: session(line.session_id),
          peerId: peer(line.peer_id),
          observeMe: line.observe_me,
          observeOthers: line.observe_others,
          joinedAt: line.joined_at,
          leftAt: line.left_at,
          createdAt: line.created_at,
        })),
      );
    }
    case 'message':
      return applyMessages(tx, workspaceId, of<'message'>(), storage);
    case 'conclusion':
      return applyConclusions(tx, workspaceId, of<'conclusion'>(), storage);
    case 'card': {
      const cards = of<'card'>();
      const peer = await resolver(tx, workspaceId, 'peers', cards.flatMap(({ n, line }) => [{ n, name: line.observer_id }, { n, name: line.observed_id }]));
      return rows.insertCards(
        tx,
        workspaceId,
        cards.map(({ line }) => ({ observerId: peer(line.observer_id), observedId: peer(line.observed_id), entries: line.entries, updatedAt: line.updated_at })),
      );
    }
    case 'summary': {
      const summaries = of<'summary'>();
      const session = await resolver(tx, workspaceId, 'sessions', summaries.map(({ n, line }) => ({ n, name: line.session_id })));
      const written = await rows.insertSummaries(
        tx,
        workspaceId,
        summaries.map(({ line }) => ({
          id: line.id,
          sessionId: session(line.session_id),
          kind: line.kind,
          content: line.content,
          tokenCount: line.token_count,
          lastMessageId: line.last_message_id,
          lastSeq: line.last_seq,
          createdAt: line.created_at,
          staleAt: line.stale_at,
        })),
      );
      await refuseForeignIds(tx, 'session_summaries', workspaceId, summaries, written);
      return written.length;
    }
    case 'peer_view': {
      const views = of<'peer_view'>();
      const peer = await resolver(tx, workspaceId, 'peers', views.flatMap(({ n, line }) => [{ n, name: line.observer_id }, { n, name: line.observed_id }]));
      return rows.insertPeerViews(
        tx,
        workspaceId,
        views.map(({ line }) => ({
          observerId: peer(line.observer_id),
          observedId: peer(line.observed_id),
          explicitSinceDream: line.explicit_since_dream,
          lastDreamAt: line.last_dream_at,
          lastObservedActivity: line.last_observed_activity,
        })),
      );
    }
    case 'scope_backfill': {
      const backfills = of<'scope_backfill'>();
      const peer = await resolver(tx, workspaceId, 'peers', backfills.map(({ n, line }) => ({ n, name: line.scope_peer_id })));
      const session = await resolver(tx, workspaceId, 'sessions', backfills.map(({ n, line }) => ({ n, name: line.session_id })));
      return rows.insertScopeBackfills(
        tx,
        workspaceId,
        backfills.map(({ line }) => ({
          scopePeerId: peer(line.scope_peer_id),
          sessionId: session(line.session_id),
          state: line.state,
          docsCopied: line.docs_copied,
          updatedAt: line.updated_at,
        })),
      );
    }
    case 'webhook': {
      const hooks = of<'webhook'>();
      const written = await rows.insertWebhooks(tx, workspaceId, hooks.map(({ line }) => ({ id: line.id, url: line.url, createdAt: line.created_at })));
      await refuseForeignIds(tx, 'webhook_endpoints', workspaceId, hooks, written);
      return written.length;
    }
  }
}

/** A vector this deployment can store as is; anything else is embedded again by the worker. */
const usable = (storage: VectorStorage, values: readonly number[] | undefined): values is number[] =>
  values !== undefined && values.length === storage.dimensions && values.every(Number.isFinite);

async function applyMessages(tx: DbClient, workspaceId: string, run: readonly Numbered<MessageLine>[], storage: VectorStorage): Promise<number> {
  const session = await resolver(tx, workspaceId, 'sessions', run.map(({ n, line }) => ({ n, name: line.session_id })));
  const peer = await resolver(tx, workspaceId, 'peers', run.map(({ n, line }) => ({ n, name: line.peer_id })));
  const written = await rows.insertMessages(
    tx,
    workspaceId,
    run.map(({ line }) => ({
      id: line.id,
      sessionId: session(line.session_id),
      peerId: peer(line.peer_id),
      seq: line.seq,
      content: line.content,
      tokenCount: line.token_count,
      metadata: line.metadata,
      configuration: line.configuration,
      createdAt: line.created_at,
      insertedAt: line.inserted_at,
    })),
  );
  await refuseForeignIds(tx, 'messages', workspaceId, run, written);
  const fresh = new Set(written);
  const toEmbed = new Map<string, string[]>();
  for (const { line } of run) {
    if (!fresh.has(line.id)) continue;
    const chunks = line.embeddings ?? [];
    if (chunks.length > 0 && chunks.every((c) => usable(storage, c.values)) && new Set(chunks.map((c) => c.model)).size === 1) {
      const ordered = [...chunks].sort((a, b) => a.chunk_index - b.chunk_index);
      await storeMessageEmbeddings(tx, storage, ordered[0]!.model, [
        {
          messageId: line.id,
          workspaceId,
          chunks: ordered.map((c) => ({ text: '', start: c.char_start, end: c.char_end })),
          vectors: ordered.map((c) => c.values),
        },
      ]);
    } else {
      const sessionId = session(line.session_id);
      toEmbed.set(sessionId, [...(toEmbed.get(sessionId) ?? []), line.id]);
    }
  }
  for (const [sessionId, ids] of toEmbed) await rows.recordMessageEmbeddingWork(tx, workspaceId, sessionId, ids);
  return written.length;
}

async function applyConclusions(tx: DbClient, workspaceId: string, run: readonly Numbered<ConclusionLine>[], storage: VectorStorage): Promise<number> {
  const peer = await resolver(tx, workspaceId, 'peers', run.flatMap(({ n, line }) => [{ n, name: line.observer_id }, { n, name: line.observed_id }]));
  const named = run.filter(({ line }) => line.session_id !== null);
  const session = await resolver(tx, workspaceId, 'sessions', named.map(({ n, line }) => ({ n, name: line.session_id! })));
  const known = await rows.existingMessageIds(tx, workspaceId, run.flatMap(({ line }) => line.message_ids));
  for (const { n, line } of run) {
    const missing = line.message_ids.find((id) => !known.has(id));
    if (missing) throw lineError(n, `message ${missing} is not in the import (its line must come first)`);
  }
  const written = await rows.insertConclusions(
    tx,
    workspaceId,
    run.map(({ line }) => ({
      id: line.id,
      observerId: peer(line.observer_id),
      observedId: peer(line.observed_id),
      sessionId: line.session_id === null ? null : session(line.session_id),
      level: line.level,
      origin: line.origin,
      content: line.content,
      tokenCount: line.token_count,
      sourceIds: line.source_ids,
      timesDerived: line.times_derived,
      provenance: line.provenance,
      messageCreatedAt: line.message_created_at,
      createdAt: line.created_at,
      supersededAt: line.superseded_at,
      supersededById: line.superseded_by_id,
      messageIds: line.message_ids,
    })),
  );
  await refuseForeignIds(tx, 'conclusions', workspaceId, run, written);
  const fresh = new Set(written);
  const toEmbed: string[] = [];
  for (const { line } of run) {
    if (!fresh.has(line.id)) continue;
    if (line.embedding && usable(storage, line.embedding.values)) {
      await storeConclusionEmbedding(tx, storage, workspaceId, line.id, { model: line.embedding.model, values: line.embedding.values });
    } else toEmbed.push(line.id);
  }
  await recordConclusionEmbeddingWork(tx, workspaceId, toEmbed);
  return written.length;
}

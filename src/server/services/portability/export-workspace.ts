import 'server-only';
// GET …/workspaces/{ws}/export (docs/portability.md): the whole workspace as `rapport.workspace-export/1` NDJSON.
// Lines are produced one keyset page at a time and pulled by the response stream, so a slow reader slows the reads
// down instead of piling pages up in memory, and a client that goes away stops the export at the next page.
// The export is not one snapshot: rows written while it runs may or may not appear; the header's counts are taken first.
import { WORKSPACE_EXPORT_FORMAT, type ExportCounts, type ExportLine } from '@/contracts/portability';
import { getDb, type DbClient } from '@/server/db/client';
import {
  countExportRows,
  readCardPage,
  readConclusionEmbeddings,
  readConclusionPage,
  readMembershipPage,
  readMembershipPeriodPage,
  readMessageEmbeddings,
  readMessagePage,
  readPeerPage,
  readPeerViewPage,
  readScopeBackfillPage,
  readSessionPage,
  readSummaryPage,
  readWebhookPage,
  type KeysetPage,
} from '@/server/db/workspace-export-rows';
import { wireTimestamp } from '../wire-format';
import { requireWorkspace } from '../workspaces/ensure-workspace';

/** Rows per page: large enough that per-query overhead vanishes, small enough that a page with embeddings stays a few MB. */
export const EXPORT_PAGE_SIZE = 500;

export type ExportOptions = { embeddings: boolean; pageSize?: number; signal?: AbortSignal };

const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

type PageReader<Row> = (db: DbClient, workspaceId: string, after: string | null, limit: number) => Promise<KeysetPage<Row>>;

async function* walk<Row>(db: DbClient, workspaceId: string, read: PageReader<Row>, pageSize: number, signal?: AbortSignal) {
  let after: string | null = null;
  for (;;) {
    signal?.throwIfAborted();
    const page: KeysetPage<Row> = await read(db, workspaceId, after, pageSize);
    if (page.rows.length > 0) yield page.rows;
    if (page.rows.length < pageSize || page.last === null) return;
    after = page.last;
  }
}

/**
 * Resolves the workspace (404 before the first byte) and returns its lines, produced as they are read.
 */
export async function openWorkspaceExport(workspaceName: string, options: ExportOptions): Promise<AsyncIterable<ExportLine>> {
  const db = getDb();
  const workspace = await requireWorkspace(db, workspaceName);
  return exportLines(db, workspace, options);
}

async function* exportLines(
  db: DbClient,
  workspace: { id: string; name: string; metadata: unknown; configuration: unknown; createdAt: Date },
  options: ExportOptions,
): AsyncGenerator<ExportLine> {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const { signal } = options;
  const ws = workspace.id;
  const raw = await countExportRows(db, ws);
  const counts: ExportCounts = {
    peers: raw.peers,
    sessions: raw.sessions,
    memberships: raw.memberships,
    membership_periods: raw.membershipPeriods,
    messages: raw.messages,
    conclusions: raw.conclusions,
    cards: raw.cards,
    summaries: raw.summaries,
    peer_views: raw.peerViews,
    scope_backfills: raw.scopeBackfills,
    webhooks: raw.webhooks,
  };
  let lines = 0;
  const emit = (line: ExportLine): ExportLine => {
    lines += 1;
    return line;
  };
  yield emit({
    type: 'header',
    format: WORKSPACE_EXPORT_FORMAT,
    workspace_id: workspace.name,
    exported_at: wireTimestamp(new Date()),
    embeddings: options.embeddings,
    counts,
  });
  const [exact] = await db.$queryRaw<{ created_at: string }[]>`
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at FROM workspaces WHERE id = ${ws}`;
  yield emit({
    type: 'workspace',
    id: workspace.name,
    metadata: obj(workspace.metadata),
    configuration: obj(workspace.configuration),
    created_at: exact?.created_at ?? wireTimestamp(workspace.createdAt),
  });

  for await (const rows of walk(db, ws, readPeerPage, pageSize, signal)) {
    for (const p of rows) {
      yield emit({ type: 'peer', id: p.name, kind: p.kind, metadata: obj(p.metadata), configuration: obj(p.configuration), created_at: p.created_at });
    }
  }
  for await (const rows of walk(db, ws, readSessionPage, pageSize, signal)) {
    for (const s of rows) {
      yield emit({
        type: 'session',
        id: s.name,
        is_active: s.is_active,
        metadata: obj(s.metadata),
        configuration: obj(s.configuration),
        created_at: s.created_at,
      });
    }
  }
  for await (const rows of walk(db, ws, readMembershipPage, pageSize, signal)) {
    for (const m of rows) {
      yield emit({
        type: 'membership',
        session_id: m.session,
        peer_id: m.peer,
        observe_me: m.observe_me,
        observe_others: m.observe_others,
        joined_at: m.joined_at,
        left_at: m.left_at,
        created_at: m.created_at,
      });
    }
  }
  for await (const rows of walk(db, ws, readMembershipPeriodPage, pageSize, signal)) {
    for (const m of rows) {
      yield emit({ type: 'membership_period', session_id: m.session, peer_id: m.peer, joined_at: m.joined_at, left_at: m.left_at });
    }
  }
  for await (const rows of walk(db, ws, readMessagePage, pageSize, signal)) {
    const vectors = options.embeddings ? await readMessageEmbeddings(db, rows.map((m) => m.id)) : [];
    const byMessage = new Map<string, typeof vectors>();
    for (const v of vectors) byMessage.set(v.message_id, [...(byMessage.get(v.message_id) ?? []), v]);
    for (const m of rows) {
      yield emit({
        type: 'message',
        id: m.id,
        session_id: m.session,
        peer_id: m.peer,
        seq: m.seq,
        content: m.content,
        token_count: m.token_count,
        metadata: obj(m.metadata),
        configuration: obj(m.configuration),
        created_at: m.created_at,
        inserted_at: m.inserted_at,
        ...(options.embeddings
          ? {
              embeddings: (byMessage.get(m.id) ?? []).map((v) => ({
                chunk_index: v.chunk_index,
                char_start: v.char_start,
                char_end: v.char_end,
                model: v.model,
                values: v.values.map(Number),
              })),
            }
          : {}),
      });
    }
  }
  for await (const rows of walk(db, ws, readConclusionPage, pageSize, signal)) {
    const vectors = options.embeddings ? await readConclusionEmbeddings(db, rows.map((c) => c.id)) : [];
    const byConclusion = new Map(vectors.map((v) => [v.conclusion_id, v]));
    for (const c of rows) {
      const vector = byConclusion.get(c.id);
      yield emit({
        type: 'conclusion',
        id: c.id,
        observer_id: c.observer,
        observed_id: c.observed,
        session_id: c.session,
        level: c.level,
        origin: c.origin,
        content: c.content,
        token_count: c.token_count,
        source_ids: c.source_ids,
        times_derived: c.times_derived,
        provenance: obj(c.provenance),
        message_ids: c.message_ids,
        message_created_at: c.message_created_at,
        created_at: c.created_at,
        superseded_at: c.superseded_at,
        superseded_by_id: c.superseded_by_id,
        ...(vector ? { embedding: { model: vector.model, values: vector.values.map(Number) } } : {}),
      });
    }
  }
  for await (const rows of walk(db, ws, readCardPage, pageSize, signal)) {
    for (const c of rows) yield emit({ type: 'card', observer_id: c.observer, observed_id: c.observed, entries: c.entries, updated_at: c.updated_at });
  }
  for await (const rows of walk(db, ws, readSummaryPage, pageSize, signal)) {
    for (const s of rows) {
      yield emit({
        type: 'summary',
        id: s.id,
        session_id: s.session,
        kind: s.kind,
        content: s.content,
        token_count: s.token_count,
        last_message_id: s.last_message_id,
        last_seq: s.last_seq,
        created_at: s.created_at,
        stale_at: s.stale_at,
      });
    }
  }
  for await (const rows of walk(db, ws, readPeerViewPage, pageSize, signal)) {
    for (const v of rows) {
      yield emit({
        type: 'peer_view',
        observer_id: v.observer,
        observed_id: v.observed,
        explicit_since_dream: v.explicit_since_dream,
        last_dream_at: v.last_dream_at,
        last_observed_activity: v.last_observed_activity,
      });
    }
  }
  for await (const rows of walk(db, ws, readScopeBackfillPage, pageSize, signal)) {
    for (const b of rows) {
      yield emit({
        type: 'scope_backfill',
        scope_peer_id: b.scope_peer,
        session_id: b.session,
        state: b.state,
        docs_copied: b.docs_copied,
        updated_at: b.updated_at,
      });
    }
  }
  for await (const rows of walk(db, ws, readWebhookPage, pageSize, signal)) {
    for (const w of rows) yield emit({ type: 'webhook', id: w.id, url: w.url, created_at: w.created_at });
  }
  yield { type: 'end', lines };
}

export const NDJSON_HEADERS = { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } as const;

/**
 * The lines as a byte stream. Pull-based: the next line is produced only when the reader asks, and an aborted request
 * (or a cancelled stream) ends the generator, which stops reading pages.
 */
export function exportStream(lines: AsyncIterable<ExportLine>, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = lines[Symbol.asyncIterator]();
  const BATCH_BYTES = 64 * 1024;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Several lines per chunk: one enqueue per line would cost more than the line itself.
      let text = '';
      while (text.length < BATCH_BYTES) {
        if (signal.aborted) {
          await iterator.return?.();
          controller.error(signal.reason);
          return;
        }
        const next = await iterator.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += `${JSON.stringify(next.value)}\n`;
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

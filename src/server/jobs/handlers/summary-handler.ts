import 'server-only';
// Job handler of `summary` work items (docs/api.md#s5-4): rolling short and long session summaries. An item
// {summary_type, seq, interval?, rebuild?} asks for the summary of its type to cover the session up to message `seq`.
//
// The summary extends the previous one of its type with the live messages after it. When there is no usable previous
// summary — none yet, or it went stale because a covered message was deleted (docs/honcho-differences.md#deletion-and-export) — it is rebuilt from the remaining
// messages, `interval` at a time, so one model call never takes more than an interval's worth of messages. Message
// deletions record a rebuild item in their own transaction (db/delete-messages.ts), so a stale summary is regenerated
// even when the session never reaches another interval.
//
// Model calls happen outside any transaction; the upsert and the item's completion share one fenced transaction, which
// also re-checks that nothing it summarised was deleted meanwhile (else it throws and the item is retried).
import type { DbClient } from '@/server/db/client';
import type { TranscriptMessage } from '@/server/models/engine-types';
import { newInternalId } from '@/server/services/ids';
import { countTokens } from '@/server/services/messages/count-tokens';
import { effectiveSummary } from '@/server/services/messages/effective-configuration';
import type { ClaimedItem, JobContext, JobHandler } from '../job-types';

type Kind = 'short' | 'long';
type SessionRow = { id: string; workspace_id: string; session_configuration: unknown; workspace_configuration: unknown };
type SummaryRow = { id: string; content: string; last_seq: number; stale_at: Date | null };
type CoveredMessage = TranscriptMessage & { seq: number };

function requestOf(item: ClaimedItem): { kind: Kind; seq: number; interval: number | null } | null {
  const { summary_type: kind, seq, interval } = item.payload;
  if ((kind !== 'short' && kind !== 'long') || typeof seq !== 'number' || seq < 1) return null;
  return { kind, seq, interval: typeof interval === 'number' && interval >= 1 ? interval : null };
}

async function loadSummary(db: DbClient, sessionId: string, kind: Kind): Promise<SummaryRow | null> {
  const [row] = await db.$queryRaw<SummaryRow[]>`
    SELECT id, content, last_seq, stale_at FROM session_summaries WHERE session_id = ${sessionId} AND kind = ${kind}::summary_kind`;
  return row ?? null;
}

/** Messages grouped by interval-aligned seq windows (1…i, i+1…2i, …), in order. */
function chunksOf(messages: readonly CoveredMessage[], interval: number): CoveredMessage[][] {
  const chunks = new Map<number, CoveredMessage[]>();
  for (const message of messages) {
    const index = Math.floor((message.seq - 1) / interval);
    chunks.set(index, [...(chunks.get(index) ?? []), message]);
  }
  return [...chunks.entries()].sort(([a], [b]) => a - b).map(([, chunk]) => chunk);
}

async function summariseOne(item: ClaimedItem, ctx: JobContext): Promise<void> {
  const request = requestOf(item);
  const [session] = item.sessionId
    ? await ctx.db.$queryRaw<SessionRow[]>`
        SELECT s.id, s.workspace_id, s.configuration AS session_configuration, w.configuration AS workspace_configuration
        FROM sessions s JOIN workspaces w ON w.id = s.workspace_id
        WHERE s.id = ${item.sessionId} AND s.deleted_at IS NULL`
    : [];
  if (!request || !session) {
    ctx.log('summary skipped', { item: String(item.id), reason: request ? 'session deleted' : 'malformed payload' });
    await ctx.db.$transaction((tx) => ctx.complete(tx, [item]));
    return;
  }
  const interval =
    request.interval ?? effectiveSummary([session.session_configuration, session.workspace_configuration])[
      request.kind === 'short' ? 'shortInterval' : 'longInterval'
    ];
  const existing = await loadSummary(ctx.db, session.id, request.kind);
  const previous = existing && !existing.stale_at ? existing : null;
  if (previous && previous.last_seq >= request.seq) {
    await ctx.db.$transaction((tx) => ctx.complete(tx, [item]));
    return;
  }

  const messages = await ctx.db.$queryRaw<CoveredMessage[]>`
    SELECT m.id, p.name AS "peerId", m.content, m.created_at AS "createdAt", m.seq
    FROM messages m JOIN peers p ON p.id = m.peer_id
    WHERE m.session_id = ${session.id} AND m.seq > ${previous?.last_seq ?? 0} AND m.seq <= ${request.seq}
    ORDER BY m.seq`;
  if (messages.length === 0) {
    await ctx.db.$transaction(async (tx) => {
      // Everything a stale summary covered is gone: there is nothing left to summarise, so it goes too.
      if (existing?.stale_at) await tx.$executeRaw`DELETE FROM session_summaries WHERE id = ${existing.id} AND stale_at IS NOT NULL`;
      await ctx.complete(tx, [item]);
    });
    return;
  }

  let content = previous?.content ?? null;
  for (const chunk of chunksOf(messages, interval)) {
    const next = await ctx.engines.summariser.summarise({ kind: request.kind, previousSummary: content, messages: chunk, signal: ctx.signal });
    if (typeof next !== 'string' || next.trim() === '') throw new Error(`${ctx.engines.summariser.engine}: empty ${request.kind} summary`);
    content = next.trim();
  }
  const summary = content!;
  const last = messages.at(-1)!;

  await ctx.db.$transaction(async (tx) => {
    const [counted] = await tx.$queryRaw<{ live: number }[]>`
      SELECT count(*)::int AS live FROM messages WHERE id = ANY(${messages.map((m) => m.id)}::text[])`;
    const current = await loadSummary(tx, session.id, request.kind);
    if (counted?.live !== messages.length || (previous && current?.stale_at)) {
      throw new Error('A message covered by this summary was deleted while it was being written; it will be rebuilt');
    }
    await tx.$executeRaw`
      INSERT INTO session_summaries (id, workspace_id, session_id, kind, content, token_count, last_message_id, last_seq)
      VALUES (${newInternalId()}, ${session.workspace_id}, ${session.id}, ${request.kind}::summary_kind, ${summary},
              ${countTokens(summary)}, ${last.id}, ${request.seq})
      ON CONFLICT (session_id, kind) DO UPDATE
        SET content = EXCLUDED.content, token_count = EXCLUDED.token_count, last_message_id = EXCLUDED.last_message_id,
            last_seq = EXCLUDED.last_seq, created_at = now(), stale_at = NULL`;
    await ctx.complete(tx, [item]);
  });
  ctx.log('summary written', {
    item: String(item.id),
    kind: request.kind,
    through: request.seq,
    messages: messages.length,
    rebuilt: !previous,
    engine: ctx.engines.summariser.engine,
  });
}

export const summaryHandler: JobHandler = {
  kind: 'summary',
  // Each item builds on the summary the previous one wrote, so they run one after another within a claim.
  maxBatch: 4,
  async run(items, ctx) {
    for (const item of items) await summariseOne(item, ctx);
  },
};

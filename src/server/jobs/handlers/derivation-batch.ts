import 'server-only';
// What one derivation claim works on (docs/api.md#s5-2): the sender's target messages, split into model calls.
// - Items whose message, session or sender no longer exists are set aside (completed without output).
// - Consecutive items sharing one effective configuration (payload.reasoning) and one observer list form a segment;
//   no model call spans two segments, so custom instructions and observers are uniform within a call.
// - Each call carries the other peers' messages as context: the one immediately preceding its first target and the
//   ones interleaved between its targets. A call grows until targets + context reach ~1,024 input tokens.
import type { TranscriptMessage } from '@/server/models/engine-types';
import type { ClaimedItem, JobContext } from '../job-types';

export const DERIVE_INPUT_TOKEN_BUDGET = 1_024;

export type TargetMessage = TranscriptMessage & { seq: number; tokenCount: number };
export type DerivationCall = { targets: TargetMessage[]; context: TargetMessage[] };
export type DerivationSegment = {
  items: ClaimedItem[];
  observerIds: string[];
  customInstructions: string | null;
  calls: DerivationCall[];
};
export type DerivationBatch =
  | { kind: 'gone'; reason: string }
  | { kind: 'ready'; sessionId: string; sender: { id: string; name: string }; skipped: ClaimedItem[]; segments: DerivationSegment[] };

type MessageRow = { id: string; seq: number; content: string; tokenCount: number; createdAt: Date; peerName: string };

const asTarget = (row: MessageRow): TargetMessage => ({
  id: row.id,
  peerId: row.peerName,
  content: row.content,
  createdAt: row.createdAt,
  seq: row.seq,
  tokenCount: row.tokenCount,
});

function customInstructionsOf(item: ClaimedItem): string | null {
  const reasoning = item.payload.reasoning;
  if (!reasoning || typeof reasoning !== 'object') return null;
  const text = (reasoning as Record<string, unknown>).custom_instructions;
  return typeof text === 'string' && text.trim() ? text : null;
}

export async function loadDerivationBatch(items: readonly ClaimedItem[], ctx: JobContext): Promise<DerivationBatch> {
  const { sessionId, senderId } = items[0]!;
  if (!sessionId || !senderId) return { kind: 'gone', reason: 'item without session or sender' };
  const [sender] = await ctx.db.$queryRaw<{ id: string; name: string }[]>`
    SELECT p.id, p.name FROM peers p JOIN sessions s ON s.id = ${sessionId} AND s.deleted_at IS NULL
    JOIN workspaces w ON w.id = s.workspace_id
    WHERE p.id = ${senderId} AND p.deleted_at IS NULL`;
  if (!sender) return { kind: 'gone', reason: 'session, workspace or sender deleted' };

  const wanted = items.flatMap((item) => (item.messageId ? [item.messageId] : []));
  const rows = await ctx.db.$queryRaw<MessageRow[]>`
    SELECT m.id, m.seq, m.content, m.token_count AS "tokenCount", m.created_at AS "createdAt", p.name AS "peerName"
    FROM messages m JOIN peers p ON p.id = m.peer_id
    WHERE m.id = ANY(${wanted}::text[]) AND m.session_id = ${sessionId} AND m.peer_id = ${senderId}`;
  const byId = new Map(rows.map((row) => [row.id, asTarget(row)]));
  const live = items.filter((item) => item.messageId && byId.has(item.messageId));
  const skipped = items.filter((item) => !live.includes(item));
  if (live.length === 0) return { kind: 'ready', sessionId, sender, skipped, segments: [] };

  const seqs = live.map((item) => byId.get(item.messageId!)!.seq);
  const [first, last] = [Math.min(...seqs), Math.max(...seqs)];
  const others = await ctx.db.$queryRaw<MessageRow[]>`
    (SELECT m.id, m.seq, m.content, m.token_count AS "tokenCount", m.created_at AS "createdAt", p.name AS "peerName"
     FROM messages m JOIN peers p ON p.id = m.peer_id
     WHERE m.session_id = ${sessionId} AND m.peer_id <> ${senderId} AND m.seq < ${first}
     ORDER BY m.seq DESC LIMIT 1)
    UNION ALL
    (SELECT m.id, m.seq, m.content, m.token_count, m.created_at, p.name
     FROM messages m JOIN peers p ON p.id = m.peer_id
     WHERE m.session_id = ${sessionId} AND m.peer_id <> ${senderId}
       AND m.seq > ${first} AND m.seq < ${last})`;

  const segments = segmentItems(live).map((segment) => {
    const targets = segment.items.map((item) => byId.get(item.messageId!)!).sort((a, b) => a.seq - b.seq);
    return { ...segment, calls: planCalls(targets, others.map(asTarget)) };
  });
  return { kind: 'ready', sessionId, sender, skipped, segments };
}

/** Consecutive items with the same configuration and observers; a change starts a new segment. */
export function segmentItems(items: readonly ClaimedItem[]): Omit<DerivationSegment, 'calls'>[] {
  const segments: Omit<DerivationSegment, 'calls'>[] = [];
  for (const item of items) {
    const customInstructions = customInstructionsOf(item);
    const current = segments.at(-1);
    if (current && current.customInstructions === customInstructions && current.observerIds.join() === item.observerIds.join()) {
      current.items.push(item);
    } else {
      segments.push({ items: [item], observerIds: [...item.observerIds], customInstructions });
    }
  }
  return segments;
}

/** Greedy split of one segment's targets (seq order) into calls within the token budget (≥1 target per call). */
export function planCalls(targets: readonly TargetMessage[], others: readonly TargetMessage[], budget = DERIVE_INPUT_TOKEN_BUDGET): DerivationCall[] {
  const sortedOthers = [...others].sort((a, b) => a.seq - b.seq);
  const contextFor = (firstSeq: number, lastSeq: number) => {
    const preceding = sortedOthers.filter((m) => m.seq < firstSeq).at(-1);
    const between = sortedOthers.filter((m) => m.seq > firstSeq && m.seq < lastSeq);
    return preceding ? [preceding, ...between] : between;
  };
  const cost = (messages: readonly TargetMessage[]) => messages.reduce((sum, m) => sum + m.tokenCount, 0);

  const calls: DerivationCall[] = [];
  let current: TargetMessage[] = [];
  for (const target of targets) {
    if (current.length > 0) {
      const grown = [...current, target];
      if (cost(grown) + cost(contextFor(grown[0]!.seq, target.seq)) > budget) {
        calls.push({ targets: current, context: contextFor(current[0]!.seq, current.at(-1)!.seq) });
        current = [];
      }
    }
    current.push(target);
  }
  if (current.length > 0) calls.push({ targets: current, context: contextFor(current[0]!.seq, current.at(-1)!.seq) });
  return calls;
}

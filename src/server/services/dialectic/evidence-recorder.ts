import 'server-only';
// What an answer was built from (docs/api.md#s3-11, Evidence): every conclusion and message the prefetch or a tool
// actually read, and every tool call that succeeded. It over-reports by design: read, not necessarily used.
import type { WireEvidence } from '@/contracts/chat';
import type { Conclusion } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { wireTimestamp } from '../wire-format';

export type ReadMessage = { id: string; sessionName: string; peerName: string; createdAt: Date };
export type ReadConclusion = Pick<Conclusion, 'id' | 'level' | 'content' | 'createdAt' | 'sessionId' | 'sourceIds'>;

export class EvidenceRecorder {
  private readonly conclusions = new Map<string, ReadConclusion>();
  private readonly messages = new Map<string, ReadMessage>();
  private readonly toolCalls: { tool_name: string; tool_input: Record<string, unknown> }[] = [];

  readConclusions(rows: readonly ReadConclusion[]): void {
    for (const row of rows) if (!this.conclusions.has(row.id)) this.conclusions.set(row.id, row);
  }

  readMessages(rows: readonly ReadMessage[]): void {
    for (const row of rows) if (!this.messages.has(row.id)) this.messages.set(row.id, row);
  }

  toolSucceeded(name: string, input: Record<string, unknown>): void {
    this.toolCalls.push({ tool_name: name, tool_input: input });
  }

  get toolCallCount(): number {
    return this.toolCalls.length;
  }

  /** The wire object; conclusion sessions are named here in one read (a session being deleted shows as null). */
  async toWire(db: DbClient): Promise<WireEvidence> {
    const sessionIds = [...new Set([...this.conclusions.values()].flatMap((c) => (c.sessionId ? [c.sessionId] : [])))];
    const sessions = sessionIds.length
      ? await db.session.findMany({ where: { id: { in: sessionIds }, deletedAt: null }, select: { id: true, name: true } })
      : [];
    const names = new Map(sessions.map((s) => [s.id, s.name]));
    return {
      conclusions: [...this.conclusions.values()].map((c) => ({
        id: c.id,
        level: c.level,
        content: c.content,
        created_at: wireTimestamp(c.createdAt),
        session_id: c.sessionId ? (names.get(c.sessionId) ?? null) : null,
        source_ids: c.level === 'explicit' ? [] : [...(c.sourceIds ?? [])],
      })),
      messages: [...this.messages.values()].map((m) => ({
        id: m.id,
        session_id: m.sessionName,
        peer_id: m.peerName,
        created_at: wireTimestamp(m.createdAt),
      })),
      tool_calls: this.toolCalls.map((call) => ({ ...call })),
      // Rapport does not store reasoning traces.
      reasoning_trace_id: null,
    };
  }
}

import 'server-only';
// Session summaries as the wire shows them (docs/api.md#s1-10, #s5-4): only the latest of each kind is kept, and a
// stale one (a covered message was deleted, docs/honcho-differences.md#deletion-and-export) is withheld until regenerated.
import type { SessionSummary } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';

export type WireSummary = {
  content: string;
  message_id: string;
  summary_type: 'honcho_chat_summary_short' | 'honcho_chat_summary_long';
  created_at: string;
  token_count: number;
};

export function summaryToWire(summary: SessionSummary): WireSummary {
  return {
    content: summary.content,
    message_id: summary.lastMessageId,
    summary_type: summary.kind === 'short' ? 'honcho_chat_summary_short' : 'honcho_chat_summary_long',
    // Summary timestamps carry no fractional seconds (docs/api.md#s1-4).
    created_at: `${summary.createdAt.toISOString().slice(0, 19)}Z`,
    token_count: summary.tokenCount,
  };
}

/** The usable (non-stale) short and long summaries of a session. */
export async function usableSummaries(db: DbClient, sessionId: string): Promise<{ short: SessionSummary | null; long: SessionSummary | null }> {
  const rows = await db.sessionSummary.findMany({ where: { sessionId, staleAt: null } });
  return { short: rows.find((r) => r.kind === 'short') ?? null, long: rows.find((r) => r.kind === 'long') ?? null };
}

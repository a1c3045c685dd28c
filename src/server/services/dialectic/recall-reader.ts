import 'server-only';
// Every read the dialectic makes, confined to one RecallScope and recorded as evidence. Ranking goes through the
// shared hybrid search (services/search); the reads search does not offer — substring grep, date ranges, a
// conclusion's source messages, reasoning chains, session history — are plain SQL under the same confinement.
import { Prisma, type Conclusion } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { AUTHOR_NAME, SESSION_NAME } from '../messages/message-rows';
import { searchConclusionRows } from '../search/search-conclusion-rows';
import { searchMessageRows } from '../search/search-message-rows';
import type { EvidenceRecorder } from './evidence-recorder';
import { ALL_LEVELS, conclusionScope, conclusionWhere, messageScope, messageWhere, type RecallScope } from './recall-scope';

export type RecalledConclusion = Conclusion & { observerName: string; observedName: string };
export type RecalledMessage = { id: string; content: string; createdAt: Date; sessionName: string; peerName: string; tokenCount: number };

const MESSAGE_SELECT = Prisma.sql`SELECT m.id, m.content, m.created_at AS "createdAt", m.token_count AS "tokenCount",
  ${SESSION_NAME} AS "sessionName", ${AUTHOR_NAME} AS "peerName"
  FROM messages m`;

const CONCLUSION_SELECT = Prisma.sql`SELECT c.id, c.workspace_id AS "workspaceId", c.observer_id AS "observerId",
  c.observed_id AS "observedId", c.session_id AS "sessionId", c.level, c.origin, c.content, c.token_count AS "tokenCount",
  c.source_ids AS "sourceIds", c.times_derived AS "timesDerived", c.provenance, c.message_created_at AS "messageCreatedAt",
  c.created_at AS "createdAt", c.superseded_at AS "supersededAt", c.superseded_by_id AS "supersededById"
  FROM conclusions c`;

export class RecallReader {
  private readonly peerNames = new Map<string, string>();

  constructor(
    private readonly db: Db,
    readonly recall: RecallScope,
    private readonly evidence: EvidenceRecorder,
  ) {
    if (recall.view) {
      this.peerNames.set(recall.view.observer.id, recall.view.observer.name);
      this.peerNames.set(recall.view.observed.id, recall.view.observed.name);
    }
  }

  async searchConclusions(query: string, limit: number, levels: readonly string[] = ALL_LEVELS): Promise<RecalledConclusion[]> {
    const rows = await searchConclusionRows(this.db, conclusionScope(this.recall, levels), query, limit);
    return this.conclusionsRead(rows);
  }

  async searchMessages(query: string, limit: number): Promise<RecalledMessage[]> {
    const rows = await searchMessageRows(this.db, messageScope(this.recall), query, limit);
    return this.messagesRead(rows);
  }

  /** Case-insensitive substring matches, newest first. */
  async grepMessages(text: string, limit: number): Promise<RecalledMessage[]> {
    if (text.length === 0) return [];
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.messagesRead(
      await this.db.$queryRaw<RecalledMessage[]>`${MESSAGE_SELECT}
        WHERE ${messageWhere(this.recall)} AND m.content ILIKE ${pattern}
        ORDER BY m.created_at DESC, m.inserted_order DESC LIMIT ${limit}`,
    );
  }

  /** Messages with `after ≤ created_at < before`, oldest first. */
  async messagesBetween(after: Date | null, before: Date | null, limit: number): Promise<RecalledMessage[]> {
    const bounds = [Prisma.sql`TRUE`];
    if (after) bounds.push(Prisma.sql`m.created_at >= ${after}`);
    if (before) bounds.push(Prisma.sql`m.created_at < ${before}`);
    return this.messagesRead(
      await this.db.$queryRaw<RecalledMessage[]>`${MESSAGE_SELECT}
        WHERE ${messageWhere(this.recall)} AND ${Prisma.join(bounds, ' AND ')}
        ORDER BY m.created_at ASC, m.inserted_order ASC LIMIT ${limit}`,
    );
  }

  /** A conclusion of this scope and the messages it was derived from (only those recall may read). */
  async conclusionSources(conclusionId: string, limit: number): Promise<{ conclusion: RecalledConclusion | null; messages: RecalledMessage[] }> {
    const [conclusion] = await this.conclusionsById([conclusionId]);
    if (!conclusion) return { conclusion: null, messages: [] };
    const messages = await this.db.$queryRaw<RecalledMessage[]>`${MESSAGE_SELECT}
      JOIN conclusion_messages cm ON cm.message_id = m.id AND cm.conclusion_id = ${conclusion.id}
      WHERE ${messageWhere(this.recall)} ORDER BY m.created_at ASC, m.inserted_order ASC LIMIT ${limit}`;
    return { conclusion, messages: this.messagesRead(messages) };
  }

  /** The source messages of several conclusions of this scope, up to `perConclusion` each (oldest first), grouped in
   * the order of `conclusionIds`. Conclusions outside the scope contribute nothing. */
  async sourcesOfConclusions(conclusionIds: readonly string[], perConclusion: number): Promise<RecalledMessage[]> {
    if (conclusionIds.length === 0) return [];
    const rows = await this.db.$queryRaw<(RecalledMessage & { conclusionId: string })[]>`
      SELECT * FROM (
        SELECT m.id, m.content, m.created_at AS "createdAt", m.token_count AS "tokenCount", ${SESSION_NAME} AS "sessionName",
          ${AUTHOR_NAME} AS "peerName", cm.conclusion_id AS "conclusionId",
          row_number() OVER (PARTITION BY cm.conclusion_id ORDER BY m.created_at ASC, m.inserted_order ASC) AS n
        FROM messages m
        JOIN conclusion_messages cm ON cm.message_id = m.id AND cm.conclusion_id = ANY(${[...conclusionIds]}::text[])
        JOIN conclusions c ON c.id = cm.conclusion_id AND ${conclusionWhere(this.recall)}
        WHERE ${messageWhere(this.recall)}
      ) ranked WHERE n <= ${perConclusion}`;
    const order = new Map(conclusionIds.map((id, i) => [id, i]));
    const sorted = rows.sort((a, b) => order.get(a.conclusionId)! - order.get(b.conclusionId)! || a.createdAt.getTime() - b.createdAt.getTime());
    return this.messagesRead(sorted.map(({ id, content, createdAt, sessionName, peerName, tokenCount }) => ({ id, content, createdAt, sessionName, peerName, tokenCount })));
  }

  /** The conclusion and its premises (`source_ids`), breadth first, up to `maxDepth` steps and `limit` conclusions. */
  async reasoningChain(conclusionId: string, maxDepth: number, limit: number): Promise<{ conclusion: RecalledConclusion; depth: number }[]> {
    const out: { conclusion: RecalledConclusion; depth: number }[] = [];
    const seen = new Set<string>();
    let frontier = [conclusionId];
    for (let depth = 0; depth <= maxDepth && frontier.length > 0 && out.length < limit; depth += 1) {
      frontier.forEach((id) => seen.add(id));
      const found = await this.conclusionsById(frontier);
      const taken = found.slice(0, limit - out.length);
      out.push(...taken.map((conclusion) => ({ conclusion, depth })));
      frontier = [...new Set(taken.flatMap((c) => c.sourceIds ?? []))].filter((id) => !seen.has(id));
    }
    return out;
  }

  /** The pinned session's latest messages within `maxTokens`, oldest first. */
  async sessionHistory(maxTokens: number): Promise<RecalledMessage[]> {
    const session = this.recall.session;
    if (!session || maxTokens <= 0) return [];
    const rows = await this.db.$queryRaw<RecalledMessage[]>`${MESSAGE_SELECT}
      WHERE ${messageWhere(this.recall)} AND m.session_id = ${session.id}
        AND m.seq > coalesce((
          SELECT max(w.seq) FROM (
            SELECT seq, sum(token_count) OVER (ORDER BY seq DESC) AS running FROM messages
            WHERE session_id = ${session.id}
          ) w WHERE w.running > ${maxTokens}), 0)
      ORDER BY m.seq ASC`;
    return this.messagesRead(rows);
  }

  private async conclusionsById(ids: readonly string[]): Promise<RecalledConclusion[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.$queryRaw<Conclusion[]>`${CONCLUSION_SELECT}
      WHERE ${conclusionWhere(this.recall)} AND c.id = ANY(${[...ids]}::text[])`;
    const order = new Map(ids.map((id, i) => [id, i]));
    return this.conclusionsRead(rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!));
  }

  private async conclusionsRead(rows: readonly Conclusion[]): Promise<RecalledConclusion[]> {
    const missing = [...new Set(rows.flatMap((r) => [r.observerId, r.observedId]))].filter((id) => !this.peerNames.has(id));
    if (missing.length > 0) {
      const peers = await this.db.peer.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } });
      for (const peer of peers) this.peerNames.set(peer.id, peer.name);
    }
    this.evidence.readConclusions(rows);
    return rows.map((row) => ({
      ...row,
      observerName: this.peerNames.get(row.observerId) ?? '?',
      observedName: this.peerNames.get(row.observedId) ?? '?',
    }));
  }

  private messagesRead(rows: RecalledMessage[]): RecalledMessage[] {
    this.evidence.readMessages(rows);
    return rows;
  }
}

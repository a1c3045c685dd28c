import 'server-only';
// The console's facts: an app's conclusions, optionally narrowed to an observer, an observed peer, a level and a scope
// (the scope's own views: what it derived or copied in), read
// with the same FROM and visibility rules as the wire (conclusion-rows.ts) plus what the wire hides: whether a fact
// was superseded and by what, and how many live messages it came from. Superseded facts are history, so they are
// listed after the live ones of their level. Rows are ordered by level, so a page reads as contiguous level groups.
import type { ConclusionLevelFilter, FactListInput } from '@/contracts/console-memory';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { pageWindow, toPage } from '@/server/db/pagination';
import { scopePeerName } from '../scopes/scope-peers';
import { CONCLUSION_FROM, CONCLUSION_SELECT, liveConclusionsOf, type ConclusionRow } from '../conclusions/conclusion-rows';
import type { z } from 'zod';
import type { factRowOutput } from '@/contracts/console-data-outputs';
import type { factPageOutput, levelCountsOutput } from '@/contracts/console-memory-outputs';

export type FactRow = z.output<typeof factRowOutput>;

export type LevelCounts = z.output<typeof levelCountsOutput>;
export type FactPage = z.output<typeof factPageOutput>;

type Raw = ConclusionRow & {
  supersededAt: Date | null;
  supersededById: string | null;
  supersededByContent: string | null;
  messageCount: number;
};

/** The select list of a fact row (aliases of CONCLUSION_FROM plus `sb`, the superseding conclusion). */
export const FACT_SELECT = Prisma.sql`${CONCLUSION_SELECT}, c.superseded_at AS "supersededAt",
  c.superseded_by_id AS "supersededById", sb.content AS "supersededByContent",
  (SELECT count(*) FROM conclusion_messages cm JOIN messages m ON m.id = cm.message_id
   WHERE cm.conclusion_id = c.id)::int AS "messageCount"`;
export const FACT_FROM = Prisma.sql`${CONCLUSION_FROM}
  LEFT JOIN conclusions sb ON sb.id = c.superseded_by_id`;

export function toFactRow(row: Raw): FactRow {
  return {
    id: row.id,
    content: row.content,
    level: row.level,
    observer: row.observerName,
    observed: row.observedName,
    session: row.sessionName,
    sourceIds: row.sourceIds ?? [],
    timesDerived: row.timesDerived,
    createdAt: row.createdAt.toISOString(),
    supersededAt: row.supersededAt ? row.supersededAt.toISOString() : null,
    supersededBy: row.supersededById && row.supersededByContent !== null ? { id: row.supersededById, content: row.supersededByContent } : null,
    messageCount: row.messageCount,
  };
}

export async function listAppFacts(db: DbClient, workspaceName: string, input: Omit<FactListInput, 'app'>): Promise<FactPage> {
  const request = { page: input.page, size: input.size, reverse: false };
  const { limit, offset } = pageWindow(request);
  const peers = Prisma.sql`${liveConclusionsOf(workspaceName)}
    AND ${input.observer ? Prisma.sql`op.name = ${input.observer}` : Prisma.sql`TRUE`}
    AND ${input.observed ? Prisma.sql`od.name = ${input.observed}` : Prisma.sql`TRUE`}
    AND ${input.scope ? Prisma.sql`op.name = ${scopePeerName(input.scope)}` : Prisma.sql`TRUE`}`;
  const where = Prisma.sql`${peers} AND ${input.level ? Prisma.sql`c.level = ${input.level}::conclusion_level` : Prisma.sql`TRUE`}`;
  const [byLevel, rows] = await Promise.all([
    db.$queryRaw<{ level: ConclusionLevelFilter; live: number; superseded: number }[]>`
      SELECT c.level::text AS level, count(*) FILTER (WHERE c.superseded_at IS NULL)::int AS live,
             count(*) FILTER (WHERE c.superseded_at IS NOT NULL)::int AS superseded
      FROM ${CONCLUSION_FROM} WHERE ${peers} GROUP BY c.level`,
    db.$queryRaw<Raw[]>`
      SELECT ${FACT_SELECT} FROM ${FACT_FROM} WHERE ${where}
      ORDER BY c.level, (c.superseded_at IS NOT NULL), c.created_at DESC, c.id DESC
      LIMIT ${limit} OFFSET ${offset}`,
  ]);
  const levels: LevelCounts = {
    explicit: { live: 0, superseded: 0 },
    deductive: { live: 0, superseded: 0 },
    inductive: { live: 0, superseded: 0 },
    contradiction: { live: 0, superseded: 0 },
  };
  for (const row of byLevel) levels[row.level] = { live: row.live, superseded: row.superseded };
  const total = (input.level ? [input.level] : (Object.keys(levels) as ConclusionLevelFilter[]))
    .reduce((sum, level) => sum + levels[level].live + levels[level].superseded, 0);
  return { ...toPage(rows.map(toFactRow), total, request), levels };
}

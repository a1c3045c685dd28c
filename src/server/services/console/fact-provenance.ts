import 'server-only';
// Where a fact came from, for the console: the live messages it was derived from (text, speaker, session, and the
// page of the session's oldest-first timeline that shows each one, so a link can land on it), and its premises
// (`source_ids`), each resolved to the fact it names — or marked gone, since deleting a premise leaves its id cited.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { conclusionNotFound, liveConclusionsOf } from '../conclusions/conclusion-rows';
import { CONSOLE_PAGE_SIZE } from '@/contracts/console-data';
import { factListPages } from './fact-list-page';
import { FACT_FROM, FACT_SELECT, toFactRow } from './list-app-facts';
import type { z } from 'zod';
import type { factProvenanceOutput, premiseOutput, sourceMessageOutput } from '@/contracts/console-memory-outputs';

export type SourceMessage = z.output<typeof sourceMessageOutput>;
/** `page`: the page of the facts list, filtered to the premise's holder, subject and level, that shows it. */
export type Premise = z.output<typeof premiseOutput>;
export type FactProvenance = z.output<typeof factProvenanceOutput>;

type RawMessage = { id: string; content: string; peer: string; session: string; createdAt: Date; position: number };

export async function getFactProvenance(
  db: DbClient,
  workspaceName: string,
  id: string,
  messagesPerPage: number,
  factsPerPage = CONSOLE_PAGE_SIZE,
): Promise<FactProvenance> {
  const read = (ids: readonly string[]) =>
    db.$queryRaw<Parameters<typeof toFactRow>[0][]>`
      SELECT ${FACT_SELECT} FROM ${FACT_FROM} WHERE ${liveConclusionsOf(workspaceName)} AND c.id = ANY(${[...ids]}::text[])`;
  const [row] = await read([id]);
  if (!row) throw new NotFoundError(conclusionNotFound(id));
  const fact = toFactRow(row);

  // Position = live messages before it in its session, which is what the timeline's oldest-first pages count.
  const messages = await db.$queryRaw<RawMessage[]>(Prisma.sql`
    SELECT m.id, m.content, p.name AS peer, s.name AS session, m.created_at AS "createdAt",
           (SELECT count(*) FROM messages b WHERE b.session_id = m.session_id AND b.seq < m.seq)::int AS position
    FROM conclusion_messages cm
    JOIN messages m ON m.id = cm.message_id
    JOIN sessions s ON s.id = m.session_id AND s.deleted_at IS NULL
    JOIN peers p ON p.id = m.peer_id
    WHERE cm.conclusion_id = ${id}
    ORDER BY m.created_at, m.seq`);
  const premiseRows = fact.sourceIds.length ? await read(fact.sourceIds) : [];
  const premises = new Map(premiseRows.map((r) => [r.id, toFactRow(r)]));
  const premisePages = await factListPages(db, workspaceName, [...premises.keys()], factsPerPage);
  return {
    fact,
    messages: messages.map((m) => ({
      id: m.id,
      content: m.content,
      peer: m.peer,
      session: m.session,
      createdAt: m.createdAt.toISOString(),
      page: Math.floor(m.position / messagesPerPage) + 1,
    })),
    premises: fact.sourceIds.map((sourceId) => ({ id: sourceId, fact: premises.get(sourceId) ?? null, page: premisePages.get(sourceId) ?? 1 })),
  };
}

import 'server-only';
// The facts derived from one message (its conclusion_messages links), for the session page's "facts from this
// message": live and superseded alike, newest first, as the facts page shows them. The message must be a live message
// of that session (anything else is the wire's 404).
import type { DbClient } from '@/server/db/client';
import { liveConclusionsOf } from '../conclusions/conclusion-rows';
import { requireMessage, type MessageAddress } from '../messages/find-message';
import { FACT_FROM, FACT_SELECT, toFactRow, type FactRow } from './list-app-facts';

const MAX_FACTS = 100;

export async function listMessageFacts(db: DbClient, address: MessageAddress): Promise<FactRow[]> {
  const message = await requireMessage(db, address);
  const rows = await db.$queryRaw<Parameters<typeof toFactRow>[0][]>`
    SELECT ${FACT_SELECT} FROM ${FACT_FROM}
    WHERE ${liveConclusionsOf(address.workspace)}
      AND EXISTS (SELECT 1 FROM conclusion_messages cm WHERE cm.conclusion_id = c.id AND cm.message_id = ${message.id})
    ORDER BY (c.superseded_at IS NOT NULL), c.created_at DESC, c.id DESC
    LIMIT ${MAX_FACTS}`;
  return rows.map(toFactRow);
}

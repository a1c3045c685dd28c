import 'server-only';
// Step 5 of the session-context budget (docs/api.md#s3-7): walk the session newest → oldest adding token counts
// while the sum stays within the budget, stopping at the first message that does not fit, then return the chosen
// messages oldest → newest. The walk reads small newest-first pages through the (session_id, seq) index, so a long
// session costs only the pages it needs.
import type { DbClient } from '@/server/db/client';
import { MESSAGE_COLUMNS, type MessageWithAuthor } from '../messages/message-rows';

const PAGE = 500;

export async function selectContextMessages(
  db: DbClient,
  sessionId: string,
  budget: number,
  fromSeq: number | null,
): Promise<MessageWithAuthor[]> {
  const floor = fromSeq ?? 0;
  let cursor = 2_147_483_647; // seq is an int4
  let used = 0;
  let oldestSeq: number | null = null;
  let newestSeq: number | null = null;
  walk: while (budget >= 0) {
    const page = await db.$queryRaw<{ seq: number; token_count: number }[]>`
      SELECT seq, token_count FROM messages
      WHERE session_id = ${sessionId} AND seq >= ${floor} AND seq < ${cursor}
      ORDER BY seq DESC LIMIT ${PAGE}`;
    for (const row of page) {
      if (used + row.token_count > budget) break walk;
      used += row.token_count;
      newestSeq ??= row.seq;
      oldestSeq = row.seq;
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.seq;
  }
  if (oldestSeq === null || newestSeq === null) return [];
  return db.$queryRaw<MessageWithAuthor[]>`
    SELECT ${MESSAGE_COLUMNS}, p.name AS "peerName" FROM messages m JOIN peers p ON p.id = m.peer_id
    WHERE m.session_id = ${sessionId} AND m.seq BETWEEN ${oldestSeq} AND ${newestSeq}
    ORDER BY m.seq ASC`;
}


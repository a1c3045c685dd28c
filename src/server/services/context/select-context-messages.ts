import 'server-only';
// Step 5 of the session-context budget (docs/api.md#s3-7): walk the session newest → oldest adding token counts
// while the sum stays within the budget, stopping at the first message that does not fit, then return the chosen
// messages oldest → newest. The newest page is one statement that also returns the chosen rows; only when that
// whole page fits does the walk go on in small newest-first pages through the (session_id, seq) index, so a long
// session costs only the pages it needs (docs/architecture.md#statements-per-read).
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import { AUTHOR_NAME, MESSAGE_COLUMNS, queryMessageRows, type MessageWithAuthor } from '../messages/message-rows';

const PAGE = 500;

export async function selectContextMessages(
  db: DbClient,
  sessionId: string,
  budget: number,
  fromSeq: number | null,
): Promise<MessageWithAuthor[]> {
  if (budget < 0) return [];
  const floor = fromSeq ?? 0;
  // Token counts are never negative, so the running sum only grows: the rows within the budget are exactly the
  // prefix the walk would take.
  const newest = await queryMessageRows<MessageWithAuthor>(db, Prisma.sql`
    SELECT ${MESSAGE_COLUMNS}, ${AUTHOR_NAME} AS "peerName"
    FROM (
      SELECT seq, sum(token_count) OVER (ORDER BY seq DESC) AS used
      FROM (SELECT seq, token_count FROM messages WHERE session_id = ${sessionId} AND seq >= ${floor}
            ORDER BY seq DESC LIMIT ${PAGE}) page
    ) fit
    JOIN messages m ON m.session_id = ${sessionId} AND m.seq = fit.seq
    WHERE fit.used <= ${budget}
    ORDER BY m.seq ASC`);
  if (newest.length < PAGE) return newest;
  const used = newest.reduce((sum, row) => sum + row.tokenCount, 0);
  const older = await walkOlder(db, sessionId, budget - used, floor, newest[0]!.seq);
  return older.length ? [...older, ...newest] : newest;
}

/** The rest of the walk, below `cursor`, with what is left of the budget. */
async function walkOlder(db: DbClient, sessionId: string, budget: number, floor: number, cursor: number): Promise<MessageWithAuthor[]> {
  const below = cursor;
  let used = 0;
  let oldestSeq: number | null = null;
  walk: for (;;) {
    const page = await queryRows<{ seq: number; token_count: number }>(db, Prisma.sql`
      SELECT seq, token_count FROM messages
      WHERE session_id = ${sessionId} AND seq >= ${floor} AND seq < ${cursor}
      ORDER BY seq DESC LIMIT ${PAGE}`);
    for (const row of page) {
      if (used + row.token_count > budget) break walk;
      used += row.token_count;
      oldestSeq = row.seq;
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.seq;
  }
  if (oldestSeq === null) return [];
  return queryMessageRows<MessageWithAuthor>(db, Prisma.sql`
    SELECT ${MESSAGE_COLUMNS}, ${AUTHOR_NAME} AS "peerName" FROM messages m
    WHERE m.session_id = ${sessionId} AND m.seq >= ${oldestSeq} AND m.seq < ${below}
    ORDER BY m.seq ASC`);
}

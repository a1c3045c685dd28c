import 'server-only';
// An app at a glance for the console's overview: how much it holds, and what happened on each of the last 30 days
// (messages written, conclusions derived, reasoning work finished or failed — the queue's own definition, see
// queue/work-categories). Days are UTC, so every viewer sees
// the same buckets; days without activity are zeros, so charts have no gaps.
import type { DbClient } from '@/server/db/client';
import { REASONING_KINDS } from '../queue/work-categories';
import type { z } from 'zod';
import type { appCountsOutput, dailyActivityOutput, messageTimeSpanOutput } from '@/contracts/console-data-outputs';

export const OVERVIEW_DAYS = 30;

export type AppCounts = z.output<typeof appCountsOutput>;
/**
 * `messages` counts by the time Rapport received a message (ingest), since that is the activity of the app in the
 * last 30 days; imported history keeps its own message times, whose span is `messageTimes` (null when empty).
 */
export type DailyActivity = z.output<typeof dailyActivityOutput>;
export type MessageTimeSpan = z.output<typeof messageTimeSpanOutput>;
export type AppActivity = { counts: AppCounts; days: DailyActivity[]; messageTimes: MessageTimeSpan | null };

type DayCount = { day: string; n: number };

/** The UTC dates (YYYY-MM-DD) of the last `OVERVIEW_DAYS` days, today last. */
export function overviewDays(now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: OVERVIEW_DAYS }, (_, i) => new Date(today - (OVERVIEW_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

export async function getAppActivity(db: DbClient, workspaceId: string, now = new Date()): Promise<AppActivity> {
  const days = overviewDays(now);
  const since = new Date(`${days[0]}T00:00:00.000Z`);
  const [counts] = await db.$queryRaw<AppCounts[]>`
    SELECT
      (SELECT count(*)::int FROM peers WHERE workspace_id = ${workspaceId} AND kind = 'peer' AND deleted_at IS NULL) AS peers,
      (SELECT count(*)::int FROM sessions WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL) AS sessions,
      (SELECT count(*)::int FROM messages WHERE workspace_id = ${workspaceId}) AS messages,
      (SELECT count(*)::int FROM conclusions WHERE workspace_id = ${workspaceId}) AS conclusions`;
  const [messages, conclusions, completed, failed, span] = await Promise.all([
    db.$queryRaw<DayCount[]>`
      SELECT to_char(inserted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM messages WHERE workspace_id = ${workspaceId} AND inserted_at >= ${since}
      GROUP BY 1`,
    db.$queryRaw<DayCount[]>`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM conclusions WHERE workspace_id = ${workspaceId} AND created_at >= ${since}
      GROUP BY 1`,
    finishedPerDay(db, workspaceId, 'completed', since),
    finishedPerDay(db, workspaceId, 'failed', since),
    // "Imported": received in the window but written (message time) before it, e.g. a 2023 chat loaded today.
    db.$queryRaw<{ oldest: Date | null; newest: Date | null; imported: number }[]>`
      SELECT min(created_at) AS oldest, max(created_at) AS newest,
             count(*) FILTER (WHERE created_at < ${since} AND inserted_at >= ${since})::int AS imported
      FROM messages WHERE workspace_id = ${workspaceId}`,
  ]);
  const times = span[0];
  const lookup = (rows: DayCount[]) => new Map(rows.map((r) => [r.day, r.n]));
  const [m, c, ok, ko] = [lookup(messages), lookup(conclusions), lookup(completed), lookup(failed)];
  return {
    counts: counts ?? { peers: 0, sessions: 0, messages: 0, conclusions: 0 },
    days: days.map((day) => ({ day, messages: m.get(day) ?? 0, conclusions: c.get(day) ?? 0, completed: ok.get(day) ?? 0, failed: ko.get(day) ?? 0 })),
    messageTimes:
      times?.oldest && times.newest ? { oldest: times.oldest.toISOString(), newest: times.newest.toISOString(), importedBefore: times.imported } : null,
  };
}

function finishedPerDay(db: DbClient, workspaceId: string, status: 'completed' | 'failed', since: Date) {
  return db.$queryRaw<DayCount[]>`
    SELECT to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
    FROM work_items
    WHERE workspace_id = ${workspaceId} AND status = ${status}::work_status AND finished_at >= ${since}
      AND kind::text = ANY(${[...REASONING_KINDS]}::text[])
    GROUP BY 1`;
}

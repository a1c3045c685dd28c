import 'server-only';
// The console's view of background work: a workspace's work items, newest first, optionally by status and kind,
// with what an operator needs to understand a failure (error text, attempts, times, the unit) and the wire names of
// the session and peers involved. `workspaceId` is the internal workspace key (the console resolves its app first).
import type { Page } from '@/contracts/common';
import { Prisma } from '@/generated/prisma/client';
import { getDb, type DbClient } from '@/server/db/client';
import { pageWindow, toPage } from '@/server/db/pagination';
import type { WorkKind } from '@/server/jobs/job-types';
import { InvalidInputError } from '../errors';
import { kindsOf, WORK_CATEGORIES, type WorkCategory } from './work-categories';
import type { z } from 'zod';
import type { workItemOutput } from '@/contracts/console-memory-outputs';

export const WORK_STATUSES = ['pending', 'in_progress', 'completed', 'failed'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];
export const WORK_KINDS: readonly WorkKind[] = ['derivation', 'summary', 'dream', 'embedding', 'webhook', 'backfill'];

export type WorkItemView = z.output<typeof workItemOutput>;

type Raw = Omit<WorkItemView, 'id' | 'createdAt' | 'availableAt' | 'deadlineAt' | 'startedAt' | 'finishedAt'> & {
  id: bigint;
  createdAt: Date;
  availableAt: Date;
  deadlineAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** Select list shared with retryWorkItem: one item row in console shape (alias `w`). */
export const WORK_ITEM_VIEW_COLUMNS = Prisma.sql`
  w.id, w.kind::text AS kind, w.status::text AS status, w.unit_key AS "unitKey",
  (SELECT s.name FROM sessions s WHERE s.id = w.session_id) AS session, w.message_id AS "messageId",
  (SELECT p.name FROM peers p WHERE p.id = w.sender_id) AS sender,
  ARRAY(SELECT p.name FROM unnest(w.observer_ids) WITH ORDINALITY AS o(id, n) JOIN peers p ON p.id = o.id ORDER BY o.n) AS observers,
  w.attempts, w.max_attempts AS "maxAttempts", w.last_error AS "lastError", w.lease_owner AS "leaseOwner",
  w.created_at AS "createdAt", w.available_at AS "availableAt", w.deadline_at AS "deadlineAt",
  w.started_at AS "startedAt", w.finished_at AS "finishedAt"`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toWorkItemView(row: Raw): WorkItemView {
  return {
    ...row,
    id: row.id.toString(),
    observers: row.observers ?? [],
    createdAt: row.createdAt.toISOString(),
    availableAt: row.availableAt.toISOString(),
    deadlineAt: iso(row.deadlineAt),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

export async function listWorkItems(
  input: { workspaceId: string; status?: WorkStatus | null; kind?: WorkKind | null; category?: WorkCategory; page: number; size: number },
  db: DbClient = getDb(),
): Promise<Page<WorkItemView>> {
  if (input.status && !WORK_STATUSES.includes(input.status)) throw InvalidInputError.at('status', `Unknown status ${input.status}`);
  if (input.kind && !WORK_KINDS.includes(input.kind)) throw InvalidInputError.at('kind', `Unknown kind ${input.kind}`);
  if (input.category && !WORK_CATEGORIES.includes(input.category)) throw InvalidInputError.at('category', `Unknown category ${input.category}`);
  // A kind names its items exactly; without one the category decides (every kind unless asked).
  const kinds = input.kind ? [input.kind] : kindsOf(input.category ?? 'all');
  if (!Number.isInteger(input.page) || input.page < 1) throw InvalidInputError.at('page', 'Must be an integer ≥ 1');
  if (!Number.isInteger(input.size) || input.size < 1 || input.size > 100) throw InvalidInputError.at('size', 'Must be an integer from 1 to 100');
  const request = { page: input.page, size: input.size, reverse: false };
  const where = Prisma.sql`w.workspace_id = ${input.workspaceId}
    AND ${input.status ? Prisma.sql`w.status = ${input.status}::work_status` : Prisma.sql`TRUE`}
    AND w.kind::text = ANY(${[...kinds]}::text[])`;
  const { limit, offset } = pageWindow(request);
  const [counted] = await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM work_items w WHERE ${where}`;
  const total = counted?.total ?? 0;
  const rows =
    offset >= total
      ? []
      : await db.$queryRaw<Raw[]>`
          SELECT ${WORK_ITEM_VIEW_COLUMNS} FROM work_items w WHERE ${where} ORDER BY w.id DESC LIMIT ${limit} OFFSET ${offset}`;
  return toPage(rows.map(toWorkItemView), total, request);
}

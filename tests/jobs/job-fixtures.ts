// Fixtures for the queue engine suites: tenants and work items inserted straight into the database, a table the test
// handlers write their effects to (one row per processed item, so duplicates and gaps are visible), and handlers
// that record what they saw.
import { getDb } from '@/server/db/client';
import type { WorkerDb } from '@/server/jobs/engine-options';
import type { ClaimedItem, JobContext, JobHandler, WorkKind } from '@/server/jobs/job-types';
import { seedTenant } from '../support/auth-fixtures';

export const db = (): WorkerDb => getDb();

/** Silences the engine's log lines in tests (they are one line per event, but noisy across many runs). */
export const quiet = () => {};

export type Tenant = { workspaceId: string; peers: Record<string, string>; sessions: Record<string, string> };

/** A workspace with peers and sessions; returns internal ids by wire name. */
export async function seedQueueTenant(workspace: string, peers: string[], sessions: string[]): Promise<Tenant> {
  const workspaceId = await seedTenant({
    workspace,
    peers,
    sessions: Object.fromEntries(sessions.map((name) => [name, { active: peers }])),
  });
  const peerRows = await getDb().peer.findMany({ where: { workspaceId }, select: { id: true, name: true } });
  const sessionRows = await getDb().session.findMany({ where: { workspaceId }, select: { id: true, name: true } });
  return {
    workspaceId,
    peers: Object.fromEntries(peerRows.map((p) => [p.name, p.id])),
    sessions: Object.fromEntries(sessionRows.map((s) => [s.name, s.id])),
  };
}

export type ItemSpec = {
  kind?: WorkKind;
  unitKey: string;
  status?: 'pending' | 'in_progress' | 'completed' | 'failed';
  sessionId?: string | null;
  senderId?: string | null;
  observerIds?: string[];
  /** available_at = now() + this (database clock). */
  availableInMs?: number;
  deadlineInMs?: number | null;
  maxAttempts?: number;
  finishedAgoMs?: number | null;
  /** One item per message id (overrides `count`). */
  messageIds?: string[];
};

/** Inserts `count` items of one spec; returns their ids in insertion order. */
export async function addItems(workspaceId: string, count: number, spec: ItemSpec): Promise<bigint[]> {
  const messageIds = spec.messageIds ?? Array.from({ length: count }, () => null);
  const rows = await getDb().$queryRaw<{ id: bigint }[]>`
    INSERT INTO work_items (workspace_id, kind, status, unit_key, session_id, message_id, sender_id, observer_ids,
                            max_attempts, available_at, deadline_at, finished_at)
    SELECT ${workspaceId}, ${spec.kind ?? 'summary'}::work_kind, ${spec.status ?? 'pending'}::work_status, ${spec.unitKey},
           ${spec.sessionId ?? null}, message_id, ${spec.senderId ?? null}, ${spec.observerIds ?? []}::text[],
           ${spec.maxAttempts ?? 3},
           now() + ${spec.availableInMs ?? 0} * interval '1 millisecond',
           now() + ${spec.deadlineInMs ?? null}::int * interval '1 millisecond',
           now() - ${spec.finishedAgoMs ?? null}::bigint * interval '1 millisecond'
    FROM unnest(${messageIds}::text[]) WITH ORDINALITY AS m(message_id, n)
    ORDER BY n
    RETURNING id`;
  return rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : 1));
}

export async function itemsOf(unitKey: string) {
  return getDb().workItem.findMany({ where: { unitKey }, orderBy: { id: 'asc' } });
}

/** The effects table: what test handlers "produced", keyed by item id. */
export async function createEffectsTable(): Promise<void> {
  await getDb().$executeRawUnsafe(
    'CREATE TABLE IF NOT EXISTS job_test_effects (item_id bigint NOT NULL, unit_key text NOT NULL, owner text NOT NULL, at timestamptz NOT NULL DEFAULT now())',
  );
}

export async function writeEffects(tx: Parameters<JobContext['complete']>[0], items: readonly ClaimedItem[], owner: string): Promise<void> {
  for (const item of items) {
    await tx.$executeRaw`INSERT INTO job_test_effects (item_id, unit_key, owner) VALUES (${item.id}, ${item.unitKey}, ${owner})`;
  }
}

/** item id → number of effect rows, for the given unit prefix. */
export async function effectCounts(unitPrefix: string): Promise<Map<bigint, number>> {
  const rows = await getDb().$queryRaw<{ item_id: bigint; n: number }[]>`
    SELECT item_id, count(*)::int AS n FROM job_test_effects WHERE unit_key LIKE ${unitPrefix + '%'} GROUP BY item_id`;
  return new Map(rows.map((r) => [BigInt(r.item_id), r.n]));
}

/** A handler that writes one effect row per item and completes them, in one transaction per batch. */
export function effectHandler(kind: WorkKind, maxBatch: number, options: { delayMs?: number; onBatch?: (items: readonly ClaimedItem[]) => void } = {}): JobHandler {
  return {
    kind,
    maxBatch,
    async run(items, ctx) {
      options.onBatch?.(items);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      await ctx.db.$transaction(async (tx) => {
        await writeEffects(tx, items, ctx.workerId);
        await ctx.complete(tx, items);
      });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

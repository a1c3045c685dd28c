// What the console's facts, queue, webhooks and usage procedures answer. Declared with `.output()` on each
// procedure, so the UI's RouterOutputs types come from here and a service that drifts fails both `tsc` and the
// procedure's run-time check (docs/architecture.md#response-contracts).
import { z } from 'zod';
import { CONCLUSION_LEVELS, QUEUE_KINDS, QUEUE_STATUSES, WEBHOOK_DELIVERY_STATUSES } from './console-memory';
import { factRowOutput } from './console-data-outputs';
import { consolePage, isoTime } from './console-outputs-common';
import { webhookEndpointSchema } from './webhooks';

const levelCounts = z.object({ live: z.number().int(), superseded: z.number().int() });
export const factPageOutput = consolePage(factRowOutput).extend({
  /** Live and superseded facts per level under the other filters, for the level tabs. */
  levels: z.object(Object.fromEntries(CONCLUSION_LEVELS.map((level) => [level, levelCounts])) as Record<(typeof CONCLUSION_LEVELS)[number], typeof levelCounts>),
});

export const levelCountsOutput = factPageOutput.shape.levels;

/** A message a fact was derived from, with the session timeline page that shows it. */
export const sourceMessageOutput = z.object({ id: z.string(), content: z.string(), peer: z.string(), session: z.string(), createdAt: isoTime, page: z.number().int() });
/** A fact this one was reasoned from; `fact` is null once the premise is gone. */
export const premiseOutput = z.object({ id: z.string(), fact: factRowOutput.nullable(), page: z.number().int() });
export const factProvenanceOutput = z.object({ fact: factRowOutput, messages: z.array(sourceMessageOutput), premises: z.array(premiseOutput) });

export const factHistoryEventOutput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['derived', 'written', 'edited']),
    at: isoTime,
    fact: z.string(),
    content: z.string(),
    level: z.string(),
    replaced: z.string().nullable(),
  }),
  /** `at`: no earlier than the derivation, and the time of the latest source message when that is later. */
  z.object({ kind: z.literal('reinforced'), at: isoTime, fact: z.string(), times: z.number().int() }),
  z.object({ kind: z.literal('superseded'), at: isoTime, fact: z.string(), by: z.string().nullable(), byExists: z.boolean() }),
  z.object({ kind: z.literal('deleted'), at: isoTime, fact: z.string(), by: z.string().nullable() }),
]);
export const factHistoryOutput = z.object({
  fact: z.string(),
  chain: z.array(z.string()),
  events: z.array(factHistoryEventOutput),
});
export const factEditedOutput = z.object({ id: z.string(), replaced: z.string() });
export const representationPreviewOutput = z.object({ representation: z.string() });

const unitCounts = z.object({
  total_work_units: z.number().int(),
  completed_work_units: z.number().int(),
  in_progress_work_units: z.number().int(),
  pending_work_units: z.number().int(),
  failed_work_units: z.number().int(),
});
export const housekeepingCountsOutput = z.object({ pending: z.number().int(), in_progress: z.number().int(), completed: z.number().int(), failed: z.number().int() });
export const queueStatusOutput = z.object({
  /** The /v3 queue/status numbers without the per-session breakdown. */
  counts: unitCounts,
  housekeeping: housekeepingCountsOutput,
  dreamsEnabled: z.boolean(),
});
export const workItemOutput = z.object({
  /** The item's key as a decimal string (bigint does not survive JSON). */
  id: z.string(),
  kind: z.enum(QUEUE_KINDS),
  status: z.enum(QUEUE_STATUSES),
  unitKey: z.string(),
  /** Wire id of the session, or null (not session-bound, or the session was deleted). */
  session: z.string().nullable(),
  messageId: z.string().nullable(),
  /** Wire id of the message author (derivation) or dream observed peer. */
  sender: z.string().nullable(),
  /** Wire ids of the observers, in stored order (deleted peers omitted). */
  observers: z.array(z.string()),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  leaseOwner: z.string().nullable(),
  createdAt: isoTime,
  availableAt: isoTime,
  deadlineAt: isoTime.nullable(),
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
});
export const workItemPageOutput = consolePage(workItemOutput);
export const dreamScheduledOutput = z.object({ enqueued: z.boolean() });

export const webhookEndpointsOutput = z.object({
  endpoints: z.array(webhookEndpointSchema),
  max: z.number().int(),
  /** False without WEBHOOK_SECRET: deliveries are recorded as disabled, never sent. */
  deliveriesEnabled: z.boolean(),
});
export const webhookAddedOutput = z.object({ endpoint: webhookEndpointSchema, created: z.boolean() });
export const webhookTestSentOutput = z.object({ sent: z.boolean() });
export const webhookDeliveryPageOutput = consolePage(
  z.object({
    id: z.string(),
    endpointId: z.string(),
    url: z.string(),
    endpointDeleted: z.boolean(),
    eventType: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: isoTime,
    deliveredAt: isoTime.nullable(),
    nextAttemptAt: isoTime,
  }),
);

const credentialLabel = { id: z.string(), label: z.string(), kind: z.enum(['key', 'jwt', 'none']) };
export const credentialLabelOutput = z.object(credentialLabel);
export const usageDayOutput = z.object({ day: z.string(), inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number(), requests: z.number().int(), errors: z.number().int() });
export const usageByKeyOutput = z.object({
  ...credentialLabel,
  requests: z.number().int(),
  errors: z.number().int(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  meanMs: z.number().nullable(),
});
export const usageByModelOutput = z.object({
  task: z.string(),
  model: z.string(),
  calls: z.number().int(),
  errors: z.number().int(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number().nullable(),
});
export const usageSummaryOutput = z.object({
  days: z.array(usageDayOutput),
  totals: z.object({
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: z.number(),
    /** Some model calls had no price, so costUsd is a lower bound. */
    unpriced: z.boolean(),
    requests: z.number().int(),
    errors: z.number().int(),
    p50Ms: z.number().nullable(),
    p95Ms: z.number().nullable(),
  }),
  byKey: z.array(usageByKeyOutput),
  byModel: z.array(usageByModelOutput),
});
export const requestLogOutput = consolePage(
  z.object({
    id: z.string(),
    at: isoTime,
    method: z.string(),
    route: z.string(),
    status: z.number().int(),
    latencyMs: z.number(),
    requestId: z.string(),
    credential: credentialLabelOutput,
  }),
).extend({
  /** The filters' choices: routes and credentials seen in the window. */
  routes: z.array(z.string()),
  keys: z.array(credentialLabelOutput),
});

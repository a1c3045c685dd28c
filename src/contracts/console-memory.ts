// Inputs of the console's memory and operations pages (facts, playground, queue, webhooks). Shared with the console
// UI, which builds its URLs and query keys from the same names. Services re-check the domain rules; these fix shapes.
import { z } from 'zod';
import { REASONING_LEVELS } from './chat';
import { publicId, resourceId, scopeId } from './common';
import { appId } from './console';
import { CONSOLE_PAGE_SIZE } from './console-data';

const pageFields = {
  page: z.number().int().min(1).max(100_000).default(1),
  size: z.number().int().min(1).max(100).default(CONSOLE_PAGE_SIZE),
};

/** An optional exact peer id from a filter box; blank means "any". */
const optionalPeer = z
  .string()
  .trim()
  .max(512)
  .optional()
  .transform((value) => (value ? value : undefined));

export const CONCLUSION_LEVELS = ['explicit', 'deductive', 'inductive', 'contradiction'] as const;
export type ConclusionLevelFilter = (typeof CONCLUSION_LEVELS)[number];

export const factListInput = z.object({
  app: appId,
  observer: optionalPeer,
  observed: optionalPeer,
  level: z.enum(CONCLUSION_LEVELS).optional(),
  /** Only what this scope holds (the scope is the observer of its facts). */
  scope: scopeId.optional(),
  ...pageFields,
});
export type FactListInput = z.output<typeof factListInput>;

export const factInput = z.object({ app: appId, id: publicId });

/** A fact's new text (the service also caps it at the wire's token limit for a conclusion). */
export const FACT_TEXT_MAX_CHARS = 20_000;
export const factEditInput = z.object({
  app: appId,
  id: publicId,
  content: z.string().trim().min(1, 'Type the fact').max(FACT_TEXT_MAX_CHARS, `Keep it under ${FACT_TEXT_MAX_CHARS} characters`),
});

/** Provenance links point at the session page; its message pages have this size, so the link can name the page. */
export const factProvenanceInput = z.object({ app: appId, id: publicId, messagesPerPage: z.number().int().min(1).max(100).default(50) });

export const representationPreviewInput = z.object({ app: appId, peer: resourceId, target: resourceId.optional() });

/**
 * The playground's question. The answer streams over a GET (server-sent events), so the question travels in the URL:
 * it is capped well below the wire's 10,000 characters to stay inside request-line limits.
 */
export const PLAYGROUND_QUERY_MAX_CHARS = 2_000;
export const playgroundInput = z.object({
  app: appId,
  peer: resourceId,
  target: resourceId.optional(),
  session: resourceId.optional(),
  level: z.enum(REASONING_LEVELS).default('low'),
  /** Ask through a scope: it answers as the scope about the target, from the scope's sessions only. */
  scope: scopeId.optional(),
  query: z
    .string()
    .trim()
    .min(1, 'Type a question')
    .max(PLAYGROUND_QUERY_MAX_CHARS, `Keep the question under ${PLAYGROUND_QUERY_MAX_CHARS} characters`),
});
export type PlaygroundInput = z.output<typeof playgroundInput>;

export const QUEUE_STATUSES = ['pending', 'in_progress', 'completed', 'failed'] as const;
export type QueueStatusFilter = (typeof QUEUE_STATUSES)[number];
export const QUEUE_KINDS = ['derivation', 'summary', 'dream', 'embedding', 'webhook', 'backfill'] as const;
/** Reasoning work is what the queue counts; housekeeping is listed apart (docs/queue.md#what-the-queue-counts). */
export const QUEUE_CATEGORIES = ['reasoning', 'housekeeping', 'all'] as const;

export const queueListInput = z.object({
  app: appId,
  status: z.enum(QUEUE_STATUSES).optional(),
  kind: z.enum(QUEUE_KINDS).optional(),
  category: z.enum(QUEUE_CATEGORIES).optional(),
  ...pageFields,
});
export const queueItemInput = z.object({ app: appId, id: z.string().regex(/^\d{1,19}$/, 'Must be a work item number') });
export const scheduleDreamInput = z.object({ app: appId, observer: resourceId, observed: resourceId.optional() });

export const webhookUrlInput = z.object({ app: appId, url: z.string().max(2_048, 'Must be at most 2048 characters') });
export const webhookEndpointInput = z.object({ app: appId, endpoint: publicId });
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'disabled'] as const;
export const webhookDeliveriesInput = z.object({
  app: appId,
  endpoint: publicId.optional(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  ...pageFields,
});

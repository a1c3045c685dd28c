import 'server-only';
// The job handlers the queue engine runs, by work kind. The engine claims only kinds registered here, so work of a
// kind without a handler stays pending (and visible in queue status) instead of being marked done.
import { withConclusionEmbeddings } from './handlers/conclusion-embedding-dispatch';
import { derivationHandler } from './handlers/derivation-handler';
import { dreamHandler } from './handlers/dream-handler';
import { embeddingHandler } from './handlers/embedding-handler';
import { scopeBackfillHandler } from './handlers/scope-backfill-handler';
import { summaryHandler } from './handlers/summary-handler';
import { webhookHandler } from './handlers/webhook-handler';
import type { JobHandler, WorkKind } from './job-types';

export const jobHandlers: Partial<Record<WorkKind, JobHandler>> = {
  derivation: derivationHandler,
  dream: dreamHandler,
  // Conclusions stored while the embedder was down are embedded through the same kind (conclusion-embedding-dispatch.ts).
  embedding: withConclusionEmbeddings(embeddingHandler),
  summary: summaryHandler,
  webhook: webhookHandler,
  backfill: scopeBackfillHandler,
};

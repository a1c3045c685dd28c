import 'server-only';
// Runs one claimed batch through its handler: builds the JobContext (fenced complete/fail, abort signal), keeps the
// lease alive meanwhile, then settles the claim and releases the unit. Never throws: whatever goes wrong is recorded
// on the items (or, when even that fails, left to the sweeper once the lease expires) and logged.
import { getModelEngines } from '@/server/models';
import { metrics } from '@/server/observability/metrics';
import { inSpan, SpanStatusCode } from '@/server/observability/spans';
import { withUsageScope } from '@/server/services/usage/usage-scope';
import type { ModelEngines } from '@/server/models/engine-types';
import { announceDrainedUnit, announcesDrain } from './announce-drained-unit';
import type { Claim } from './claim-unit';
import { errorText, type WorkerDb, type WorkerLog } from './engine-options';
import { completeClaimedItems, failClaimedItem } from './fenced-writes';
import { LeaseLostError, type JobContext, type JobHandler } from './job-types';
import { startHeartbeat } from './lease-heartbeat';
import { settleClaim, type SettleReason, type Settlement } from './settle-claim';

export type ClaimRunEnvironment = {
  db: WorkerDb;
  engines?: ModelEngines | (() => ModelEngines);
  workerId: string;
  /** Aborted when the worker stops (or a tick's budget runs out): unsettled items go back without losing an attempt. */
  stopSignal: AbortSignal;
  backoffBaseMs: number;
  log: WorkerLog;
};

export type ClaimRunResult = { claim: Claim; reason: SettleReason; settlement: Settlement | null; error?: string };

class WorkerStoppingError extends Error {
  constructor() {
    super('The worker is stopping');
    this.name = 'AbortError';
  }
}

function resolveEngines(engines: ClaimRunEnvironment['engines']): ModelEngines {
  if (typeof engines === 'function') return engines();
  return engines ?? getModelEngines();
}

export async function runClaim(claim: Claim, handler: JobHandler, env: ClaimRunEnvironment): Promise<ClaimRunResult> {
  // One span per batch: the handler's database and model calls nest under it.
  const attributes = { 'rapport.work.kind': claim.kind, 'rapport.work.unit': claim.unitKey, 'rapport.work.items': claim.items.length, 'rapport.workspace_id': claim.workspaceId };
  return inSpan(`worker.run ${claim.kind}`, { attributes }, async (span) => {
    // Model calls of the run count towards the claim's workspace in the usage roll-ups.
    const result = await withUsageScope({ workspaceId: claim.workspaceId }, () => runClaimInSpan(claim, handler, env));
    span.setAttribute('rapport.work.outcome', result.reason);
    if (result.reason === 'threw') span.setStatus({ code: SpanStatusCode.ERROR, message: 'handler threw' });
    return result;
  });
}

async function runClaimInSpan(claim: Claim, handler: JobHandler, env: ClaimRunEnvironment): Promise<ClaimRunResult> {
  const { db, log } = env;
  const started = Date.now();
  const unit = claim.unitKey;
  log('claimed', { unit, kind: claim.kind, items: claim.items.length, attempt: Math.max(...claim.items.map((i) => i.attempts)) });

  const controller = new AbortController();
  let lost = false;
  const onStop = () => controller.abort(new WorkerStoppingError());
  if (env.stopSignal.aborted) onStop();
  else env.stopSignal.addEventListener('abort', onStop, { once: true });
  const heartbeat = startHeartbeat(db, claim, {
    log,
    onLost: (why) => {
      lost = true;
      log('lease lost', { unit, reason: why });
      controller.abort(new LeaseLostError(unit));
    },
  });

  let reason: SettleReason;
  let error: unknown;
  try {
    const ctx: JobContext = {
      db,
      engines: resolveEngines(env.engines),
      signal: controller.signal,
      workerId: env.workerId,
      complete: (tx, items) => completeClaimedItems(tx, claim, items),
      fail: (tx, item, text) => failClaimedItem(tx, claim, item, text),
      log: (message, fields) => log(message, { unit, ...fields }),
    };
    await handler.run(claim.items, ctx);
    reason = lost ? 'lost' : env.stopSignal.aborted ? 'stopped' : 'returned';
  } catch (thrown) {
    error = thrown;
    reason = lost || thrown instanceof LeaseLostError ? 'lost' : env.stopSignal.aborted ? 'stopped' : 'threw';
  } finally {
    heartbeat.stop();
    env.stopSignal.removeEventListener('abort', onStop);
  }

  const errorMessage = error === undefined ? undefined : errorText(error);
  let settlement: Settlement | null = null;
  try {
    settlement = await settleClaim(db, claim, { reason, error, backoffBaseMs: env.backoffBaseMs });
  } catch (settleError) {
    // The lease will expire and the sweeper will put the items back; nothing is lost, only delayed.
    log('settle failed', { unit, error: errorText(settleError) });
  }
  recordRun(claim, reason, settlement, Date.now() - started);
  log(reason === 'threw' ? 'run failed' : 'run finished', {
    unit,
    outcome: reason,
    completed: settlement?.completed,
    failed: settlement?.failed,
    retried: settlement?.retried,
    released: settlement?.released,
    ms: Date.now() - started,
    error: errorMessage,
  });
  if (settlement?.drained && settlement.completed > 0 && announcesDrain(claim)) {
    await announceDrainedUnit(db, claim).catch((announceError: unknown) =>
      log('queue.empty event failed', { unit, error: errorText(announceError) }),
    );
  }
  return { claim, reason, settlement, error: errorMessage };
}

function recordRun(claim: Claim, reason: SettleReason, settlement: Settlement | null, ms: number): void {
  const m = metrics();
  m.workerRuns.labels(claim.kind, reason).inc();
  m.workerRunDuration.labels(claim.kind).observe(ms / 1000);
  if (settlement?.completed) m.queueItemsProcessed.labels(claim.kind).inc(settlement.completed);
  if (settlement?.failed) m.queueItemsFailed.labels(claim.kind).inc(settlement.failed);
}

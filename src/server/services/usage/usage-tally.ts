// The in-memory side of usage: model calls and API requests are added up here (a Map update, no I/O) and handed to
// the periodic flush, so recording costs a request nothing it waits for. Tallies are keyed by UTC day, so a flush
// that spans midnight still writes each day's share to its own row.
import { modelCost, type ModelPrice } from '@/server/config/usage-config';
import type { ModelRollupRow, RequestLogInsert, RequestRollupRow } from '@/server/db/usage-rollups';
import { LATENCY_BUCKETS, latencyBucket } from './latency-buckets';
import type { UsageScope } from './usage-scope';

/** A workspace as the recorder learned it: by internal id (worker) or by wire id (request path). */
export type WorkspaceRef = { id: string } | { name: string };

/** A stored row before the flush has resolved its workspace to an internal id. */
type Unresolved<Row extends { workspaceId: string }> = Omit<Row, 'workspaceId'> & { workspace: WorkspaceRef };

export type ModelTally = Unresolved<ModelRollupRow>;

export type RequestTally = Unresolved<RequestRollupRow>;

export type RequestLogRow = Unresolved<RequestLogInsert>;

export type UsageSnapshot = { models: ModelTally[]; requests: RequestTally[]; log: RequestLogRow[]; droppedLogRows: number };

export type RequestRecord = {
  method: string;
  endpoint: string;
  requestId: string;
  workspace?: string;
  keyId?: string;
  status: number;
  latencyMs: number;
};

/** Requests without a credential are rolled up under this key. */
export const NO_CREDENTIAL = 'none';

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

function refOf(scope: UsageScope | undefined): WorkspaceRef | null {
  if (scope?.workspaceId) return { id: scope.workspaceId };
  if (scope?.workspace) return { name: scope.workspace };
  return null;
}

const refKey = (ref: WorkspaceRef) => ('id' in ref ? `i:${ref.id}` : `n:${ref.name}`);

export class UsageTally {
  private models = new Map<string, ModelTally>();
  private requests = new Map<string, RequestTally>();
  private log: RequestLogRow[] = [];
  private dropped = 0;

  constructor(
    private readonly options: { prices: Record<string, ModelPrice>; requestLog: boolean; maxBufferedLogRows: number; enabled?: boolean },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** One model call's tokens. Calls outside any workspace (none known) are not attributed and not recorded. */
  recordModelCall(scope: UsageScope | undefined, call: { task: string; model: string; inputTokens: number; outputTokens: number; ok: boolean }): void {
    const workspace = refOf(scope);
    if (!workspace || this.options.enabled === false) return;
    const day = dayOf(this.clock());
    const key = `${day}\u0000${refKey(workspace)}\u0000${call.task}\u0000${call.model}`;
    let tally = this.models.get(key);
    if (!tally) {
      tally = { day, workspace, task: call.task, model: call.model, calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: null };
      this.models.set(key, tally);
    }
    tally.calls += 1;
    if (!call.ok) tally.errors += 1;
    tally.inputTokens += call.inputTokens;
    tally.outputTokens += call.outputTokens;
    const cost = modelCost(this.options.prices, call.model, call.inputTokens, call.outputTokens);
    if (cost !== null) tally.costUsd = (tally.costUsd ?? 0) + cost;
  }

  /** One answered API request of a workspace; requests outside any workspace (health, admin listings) are skipped. */
  recordRequest(request: RequestRecord): void {
    if (!request.workspace || this.options.enabled === false) return;
    const workspace = { name: request.workspace };
    const at = this.clock();
    const day = dayOf(at);
    const keyId = request.keyId ?? NO_CREDENTIAL;
    const key = `${day}\u0000${request.workspace}\u0000${keyId}`;
    let tally = this.requests.get(key);
    if (!tally) {
      tally = { day, workspace, keyId, requests: 0, errors: 0, latencyMsTotal: 0, latencyBuckets: new Array<number>(LATENCY_BUCKETS).fill(0) };
      this.requests.set(key, tally);
    }
    tally.requests += 1;
    if (request.status >= 400) tally.errors += 1;
    tally.latencyMsTotal += request.latencyMs;
    tally.latencyBuckets[latencyBucket(request.latencyMs)]! += 1;
    if (!this.options.requestLog) return;
    // Bounded between flushes: when the database cannot keep up, the oldest unwritten rows go first.
    if (this.log.length >= this.options.maxBufferedLogRows) {
      this.log.shift();
      this.dropped += 1;
    }
    this.log.push({
      workspace,
      at,
      method: request.method,
      route: request.endpoint,
      status: request.status,
      latencyMs: request.latencyMs,
      keyId: request.keyId ?? null,
      requestId: request.requestId,
    });
  }

  /** Everything recorded since the last drain, and a fresh start. */
  drain(): UsageSnapshot {
    const snapshot = { models: [...this.models.values()], requests: [...this.requests.values()], log: this.log, droppedLogRows: this.dropped };
    this.models = new Map();
    this.requests = new Map();
    this.log = [];
    this.dropped = 0;
    return snapshot;
  }

  get empty(): boolean {
    return this.models.size === 0 && this.requests.size === 0 && this.log.length === 0;
  }
}

import 'server-only';
// The part startWorker and runWorkerOnce share: up to `concurrency` units running at once, one batch per unit at a
// time (units are sequential within themselves, concurrent across units), claimed oldest first among the kinds that
// have a handler. A finished run wakes the caller so a unit with more pending items continues at once.
import { claimUnit } from './claim-unit';
import { defaultHandlers, newWorkerId, loggerWorkerLog, type EngineOptions, type HandlerMap, type WorkerLog } from './engine-options';
import { findRunnableUnits } from './find-runnable-units';
import type { WorkKind } from './job-types';
import { runClaim, type ClaimRunResult } from './run-claim';

export type PoolTotals = { units: number; completed: number; failed: number; retried: number; released: number; lost: number };

export type PoolOptions = EngineOptions & { concurrency: number; leaseMs: number; backoffBaseMs: number };

export class WorkerPool {
  readonly workerId: string;
  readonly log: WorkerLog;
  readonly totals: PoolTotals = { units: 0, completed: 0, failed: 0, retried: 0, released: 0, lost: 0 };
  private readonly handlers: HandlerMap;
  private readonly kinds: WorkKind[];
  private readonly running = new Map<string, Promise<ClaimRunResult>>();
  private readonly stopController = new AbortController();
  private closed = false;
  private claims = 0;
  // Everyone currently inside waitForChange. A set, not a chain of closures: an idle worker waits thousands of times
  // a day, and each wait removes itself when it ends, so the set holds at most the callers waiting right now.
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: PoolOptions) {
    this.workerId = options.workerId ?? newWorkerId();
    this.log = options.log ?? loggerWorkerLog(this.workerId);
    this.handlers = defaultHandlers(options);
    this.kinds = (Object.keys(this.handlers) as WorkKind[]).filter((kind) => this.handlers[kind]);
  }

  get stopping(): boolean {
    return this.stopController.signal.aborted;
  }

  /** True once close() or stop() was called: no new unit is claimed. */
  get closing(): boolean {
    return this.closed || this.stopping;
  }

  get busy(): number {
    return this.running.size;
  }

  /** Claims nothing more; running batches go on (the first half of a graceful shutdown). */
  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Aborts every running handler (their unsettled items go back without losing an attempt) and claims nothing more. */
  stop(): void {
    this.closed = true;
    this.stopController.abort();
    this.notify();
  }

  /** Lets running batches finish for up to `graceMs`, then aborts the rest, whose claims are released at once. */
  async shutdown(graceMs: number): Promise<void> {
    this.close();
    if (this.running.size > 0 && graceMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([this.drain(), expired]);
      clearTimeout(timer);
    }
    if (this.running.size > 0) this.log('grace period over: aborting running batches', { running: this.running.size });
    this.stop();
    await this.drain();
  }

  /** Claims runnable units into free slots and starts them; returns how many started. */
  async fill(): Promise<number> {
    const free = this.options.concurrency - this.running.size;
    if (free <= 0 || this.closing) return 0;
    // Ask for a few more than we can take: other workers may win some of them.
    const units = await findRunnableUnits(this.options.db, { kinds: this.kinds, limit: free * 2, excludeUnitKeys: [...this.running.keys()] });
    let started = 0;
    for (const unit of units) {
      if (this.running.size >= this.options.concurrency || this.closing) break;
      const handler = this.handlers[unit.kind];
      if (!handler) continue;
      this.claims += 1;
      const claim = await claimUnit(this.options.db, unit, {
        owner: `${this.workerId}/${this.claims}`,
        leaseMs: this.options.leaseMs,
        maxBatch: Math.max(1, handler.maxBatch),
      });
      if (!claim) continue;
      const run = runClaim(claim, handler, {
        db: this.options.db,
        engines: this.options.engines,
        workerId: this.workerId,
        stopSignal: this.stopController.signal,
        backoffBaseMs: this.options.backoffBaseMs,
        log: this.log,
      }).then((result) => {
        this.record(result);
        return result;
      }).finally(() => {
        this.running.delete(unit.unitKey);
        this.notify();
      });
      this.running.set(unit.unitKey, run);
      started += 1;
    }
    return started;
  }

  /** Resolves when a run finishes, stop() is called, or `timeoutMs` passes. */
  waitForChange(timeoutMs: number): Promise<void> {
    if (this.closing && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  /** How many callers are inside waitForChange now (bounded by the number of concurrent callers, not by history). */
  get waiting(): number {
    return this.waiters.size;
  }

  /** Waits for every running batch to settle. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Ends every current waitForChange early (new work was announced). */
  wake(): void {
    this.notify();
  }

  private notify(): void {
    for (const done of [...this.waiters]) done();
  }

  private record(result: ClaimRunResult): void {
    this.totals.units += 1;
    if (result.reason === 'lost') this.totals.lost += 1;
    const s = result.settlement;
    if (!s) return;
    this.totals.completed += s.completed;
    this.totals.failed += s.failed;
    this.totals.retried += s.retried;
    this.totals.released += s.released;
  }
}

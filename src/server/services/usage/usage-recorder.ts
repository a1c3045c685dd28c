import 'server-only';
// The process's usage tally and its periodic flush. Recording is a Map update; a timer (unref'd, so it never keeps
// a process alive) writes what accumulated every USAGE_FLUSH_INTERVAL_MS, one statement per table. A failed flush
// is logged and its tallies are lost (the Prometheus counters still have them): retrying would let a database
// outage grow the process's memory without bound.
import { readUsageConfig } from '@/server/config/usage-config';
import { getDb } from '@/server/db/client';
import { logger } from '@/server/observability/logger';
import { flushUsage } from './flush-usage';
import { UsageTally } from './usage-tally';

const MAX_BUFFERED_LOG_ROWS = 5_000;

type Recorder = { tally: UsageTally; timer: NodeJS.Timeout; flushing: Promise<void> | null };

// On globalThis: Next's route bundles may each load this module, and they must share one tally and one timer.
const KEY = Symbol.for('rapport.usageRecorder');
const slot = globalThis as Record<symbol, Recorder | undefined>;

function recorder(): Recorder {
  const existing = slot[KEY];
  if (existing) return existing;
  const config = readUsageConfig();
  const tally = new UsageTally({
    prices: config.prices,
    requestLog: config.requestLogMaxRows > 0,
    maxBufferedLogRows: MAX_BUFFERED_LOG_ROWS,
    enabled: config.recording,
  });
  const created: Recorder = { tally, timer: setInterval(() => void flushRecordedUsage(), config.flushIntervalMs), flushing: null };
  created.timer.unref();
  slot[KEY] = created;
  return created;
}

/** The tally model calls and requests are recorded into. */
export function usageTally(): UsageTally {
  return recorder().tally;
}

/** Writes what was recorded so far (the timer calls this; shutdown and tests may too). Never throws. */
export async function flushRecordedUsage(): Promise<void> {
  const r = recorder();
  if (r.flushing) return r.flushing;
  if (r.tally.empty) return;
  const snapshot = r.tally.drain();
  r.flushing = flushUsage(getDb(), snapshot)
    .then(() => {
      if (snapshot.droppedLogRows > 0) logger().warn({ dropped: snapshot.droppedLogRows }, 'request log rows dropped before flush');
    })
    .catch((error: unknown) => logger().warn({ err: error }, 'usage flush failed'))
    .finally(() => {
      r.flushing = null;
    });
  return r.flushing;
}

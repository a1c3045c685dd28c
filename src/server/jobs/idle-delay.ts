import 'server-only';
// How long an idle worker sleeps before its next poll. Work that appears is found by (a) a NOTIFY on a real server,
// which wakes the worker at once, (b) the run of a unit finishing, or (c) this timer: it starts short after the last
// work (`minMs`, 100 ms) and doubles with every empty poll up to `maxMs` (WORKER_POLL_MS, 2 s), so a quiet embedded
// database is not polled ten times a second forever. It never sleeps past the moment the earliest known unit becomes
// due (a debounced derivation batch, a retry after backoff): that unit is runnable then whether or not anything
// notifies. Jitter (±20 %) keeps several workers started together from polling in lockstep.

export type IdleDelayInput = {
  /** Consecutive polls that started nothing (0 right after work was found). */
  idlePolls: number;
  minMs: number;
  maxMs: number;
  /** Milliseconds until the earliest unit becomes due, when one is known. */
  dueInMs: number | null;
  random?: () => number;
};

export function idleDelayMs(input: IdleDelayInput): number {
  const random = input.random ?? Math.random;
  const minMs = Math.min(input.minMs, input.maxMs);
  const backoff = Math.min(input.maxMs, minMs * 2 ** Math.min(Math.max(input.idlePolls - 1, 0), 20));
  const jittered = backoff * (0.8 + 0.4 * random());
  // A few milliseconds past the due time, so the poll does not arrive a hair early and find nothing.
  const untilDue = input.dueInMs === null ? Infinity : Math.max(0, input.dueInMs) + 5;
  return Math.max(1, Math.round(Math.min(jittered, untilDue, input.maxMs)));
}

// How long the event loop was held during one piece of work: what every other request on the server would have
// waited. perf_hooks' histogram samples the loop every `resolution` ms; its max is the longest stall.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type Measured<T> = { result: T; elapsedMs: number; maxLoopDelayMs: number };

export async function measureEventLoop<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  try {
    const result = await work();
    const elapsedMs = performance.now() - started;
    // One more turn of the loop so a stall at the very end is sampled too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { result, elapsedMs, maxLoopDelayMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}

import 'server-only';
// What the soak run (bench/soak.ts) needs to tell a leak from heap sizing: the process's raw RSS grows with request
// volume while V8 lets garbage pile up before it collects (its heap limit is sized to the machine), so RSS alone
// cannot say whether memory is retained. After a forced full collection, the heap in use is what is really held;
// the live handles (sockets, timers) are what leaked listeners and connections would hold. Off unless
// RAPPORT_HEAP_REPORT is set: a forced collection pauses every request of the process.
import v8 from 'node:v8';

export type HeapReport = {
  /** Whether a full collection ran first (the process needs `--expose-gc`, see RAPPORT_NEXT_NODE_ARGS). */
  collected: boolean;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  rssMiB: number;
  /** Live libuv resources by type (TCPSocketWrap, Timeout, FSReqCallback, …). */
  resources: Record<string, number>;
};

export function heapReportEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes|on)$/i.test(env.RAPPORT_HEAP_REPORT ?? '');
}

const MiB = 2 ** 20;

export function heapReport(): HeapReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap = v8.getHeapStatistics();
  const memory = process.memoryUsage();
  const resources: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) resources[type] = (resources[type] ?? 0) + 1;
  return {
    collected: gc !== undefined,
    heapUsedMiB: heap.used_heap_size / MiB,
    heapTotalMiB: heap.total_heap_size / MiB,
    externalMiB: memory.external / MiB,
    arrayBuffersMiB: memory.arrayBuffers / MiB,
    rssMiB: memory.rss / MiB,
    resources,
  };
}

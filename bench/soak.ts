// Soak run (docs/scaling.md): the production server (and `npm run worker` when WORKER_IN_PROCESS=false) under a mixed load
// — message writes that feed the deriver, workspace searches, dialectic chats, and idle stretches — reporting per
// time window the latency percentiles of each kind of request, the resident memory of the server's processes and
// their open file descriptors (sockets, files: what leaked handles hold). It exits non-zero when, in any window after the
// first measured one, retained memory or latency grew beyond the thresholds: a leak shows within minutes as a
// steady climb, so a short run catches the obvious ones and a long one (`--minutes 30`) the slow ones.
//
//   npm run build && npm run soak -- --locomo <LoCoMo folder> --minutes 3 [--window 30]
//   npm run soak -- --locomo <folder> --database-url postgresql://…   # a real server (or DATABASE_URL; default: a fresh embedded database)
//
// Memory is judged on the Next server's heap after a forced full collection, not on RSS. RSS grows with request
// volume because V8 sizes its heap to the machine and collects lazily (and freed pages are not always returned to the
// system), so it climbs for a long time without anything being retained. The server is started with `--expose-gc`
// and the heap report switched on (RAPPORT_NEXT_NODE_ARGS, RAPPORT_HEAP_REPORT); at the end of each window the soak
// asks GET /api/debug/heap, which collects and then reports the heap in use and the live handles.
//
// Each window also prints the load average (the machine may be shared: a slow window under load 10 is not a
// regression), the RSS per role (the launcher, which holds PGlite's WebAssembly heap on the embedded database; the
// Next server; the worker) and the database's size, so growth can be told apart: a heap that fills up to a cache's
// limit levels off, a leak does not. The verdict also compares the RSS growth of the run's first and second halves.
//
// Thresholds (environment): SOAK_MAX_HEAP_GROWTH (post-collection heap, default 1.3 = +30 %, and at least 16 MiB),
// SOAK_MAX_P95_GROWTH (default 2 = twice, and at least 25 ms). The first window is warm-up (JIT, caches, pools).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { runningEmbeddedUrl } from '../scripts/embedded-connection';
import { processTree, rssMiB, startAppServer } from './app-server';
import { FLOOR_SQL, percentile } from './search/reads';
import { readLocomo } from './search/locomo';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '3' },
    window: { type: 'string', default: '30' },
    locomo: { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const windowSeconds = Number(values.window);
if (!(minutes > 0) || !(windowSeconds >= 5)) throw new Error('--minutes takes a positive number, --window at least 5 seconds');
if (!values.locomo) throw new Error('--locomo <folder> is required: a directory of LoCoMo conversations (the messages and questions)');
const maxHeapGrowth = Number(process.env.SOAK_MAX_HEAP_GROWTH ?? 1.3);
const maxP95Growth = Number(process.env.SOAK_MAX_P95_GROWTH ?? 2);

const KINDS = ['write', 'search', 'chat'] as const;
type Kind = (typeof KINDS)[number];
type Window = {
  index: number;
  latencies: Record<Kind, number[]>;
  /** Plain full-text top 10 straight on the database for the same queries: how much slower search gets as data grows. */
  floor: number[];
  errors: number;
  rss: number;
  rssByRole: Map<string, number>;
  /** The Next server's heap in use after a forced full collection, and its live libuv handles. */
  heap: HeapReport;
  fds: number;
  processes: number;
  load: number;
  databaseMiB: number;
};

/** Which part of the deployment a process is, from its command line: what its memory should be charged to. */
function roleOf(pid: number): string {
  let cmd = '';
  try {
    cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'gone';
  }
  if (cmd.includes('launcher.ts')) return 'launcher';
  if (cmd.includes('worker.ts')) return 'worker';
  if (cmd.includes('next')) return 'next';
  return 'other';
}

/** The database's size in MiB, over a short-lived connection (the embedded server publishes its URL in the data dir). */
async function databaseMiB(url: string | undefined): Promise<number> {
  if (!url) return NaN;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
    return Number(rows[0]!.bytes) / 2 ** 20;
  } catch {
    return NaN;
  } finally {
    await client.end().catch(() => {});
  }
}

function openFds(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      return sum + fs.readdirSync(`/proc/${pid}/fd`).length;
    } catch {
      return sum;
    }
  }, 0);
}

type HeapReport = { collected: boolean; heapUsedMiB: number; heapTotalMiB: number; externalMiB: number; resources: Record<string, number> };

async function heapReport(baseUrl: string): Promise<HeapReport> {
  const response = await fetch(`${baseUrl}/api/debug/heap`);
  if (response.status !== 200) throw new Error(`GET /api/debug/heap answered ${response.status}`);
  return (await response.json()) as HeapReport;
}

const handles = (heap: HeapReport) => Object.values(heap.resources).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const locomo = readLocomo(values.locomo!);
  const turns = locomo.conversations.flatMap((c) => c.sessions.flatMap((s) => s.turns.map((t) => t.content)));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-soak-'));
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  const server = await startAppServer({
    databaseUrl,
    dataDir: databaseUrl ? undefined : scratch,
    logFile: path.join(scratch, 'server.log'),
    // Flags given in RAPPORT_NEXT_NODE_ARGS are kept (e.g. `--heapsnapshot-signal=SIGUSR2` to take heap snapshots
    // of the Next server while it is under the soak's load); `--expose-gc` is always added.
    env: { RAPPORT_HEAP_REPORT: 'true', RAPPORT_NEXT_NODE_ARGS: `--expose-gc ${process.env.RAPPORT_NEXT_NODE_ARGS ?? ''}`.trim() },
  });
  const workerOff = /^(0|false|off|no)$/i.test(process.env.WORKER_IN_PROCESS ?? '');
  const worker = workerOff
    ? spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/worker.ts'], {
        env: { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { RAPPORT_DATA_DIR: scratch }) },
        stdio: ['ignore', fs.openSync(path.join(scratch, 'worker.log'), 'w'), fs.openSync(path.join(scratch, 'worker.log'), 'a')],
        detached: true,
      })
    : null;
  console.log(`soak: ${minutes} min, ${windowSeconds} s windows, server ${server.baseUrl} (pid ${server.pid}), ${worker ? `worker pid ${worker.pid}` : 'in-process worker'}, logs in ${scratch}`);

  const floorUrl = databaseUrl ?? runningEmbeddedUrl(scratch) ?? undefined;
  const floorPool = floorUrl ? new pg.Pool({ connectionString: floorUrl, max: 1 }) : null;
  const ws = `${server.baseUrl}/v3/workspaces/soak`;
  const post = async (url: string, body: unknown) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    if (response.status >= 300) throw new Error(`${url} answered ${response.status}`);
  };
  let n = 0;
  const ops: Record<Kind, () => Promise<void>> = {
    write: () => post(`${ws}/sessions/s${n % 20}/messages`, {
      messages: Array.from({ length: 10 }, (_, i) => ({ peer_id: i % 2 ? 'bob' : 'alice', content: turns[(n * 10 + i) % turns.length]! })),
    }),
    search: () => post(`${ws}/search`, { query: locomo.questions[n % locomo.questions.length], limit: 10 }),
    chat: () => post(`${ws}/peers/alice/chat`, { query: locomo.questions[(n * 7) % locomo.questions.length] }),
  };
  // Per second of a window: mostly writes and searches, a chat now and then; the last fifth of each window is idle,
  // so the worker's idle polling and the pools' idle timeouts are exercised too.
  const schedule: Kind[] = ['write', 'search', 'write', 'search', 'search', 'chat'];
  const windows: Window[] = [];
  const end = Date.now() + minutes * 60_000;
  let failed = false;
  try {
    for (let index = 0; Date.now() < end; index += 1) {
      const w: Window = {
        index,
        latencies: { write: [], search: [], chat: [] },
        floor: [],
        errors: 0,
        rss: 0,
        rssByRole: new Map(),
        heap: { collected: false, heapUsedMiB: NaN, heapTotalMiB: NaN, externalMiB: NaN, resources: {} },
        fds: 0,
        processes: 0,
        load: 0,
        databaseMiB: NaN,
      };
      const windowEnd = Math.min(end, Date.now() + windowSeconds * 1000);
      const busyEnd = windowEnd - windowSeconds * 200;
      while (Date.now() < busyEnd) {
        const kind = schedule[n % schedule.length]!;
        n += 1;
        const t0 = performance.now();
        try {
          await ops[kind]();
          w.latencies[kind].push(performance.now() - t0);
          if (kind === 'search' && floorPool) {
            const t1 = performance.now();
            await floorPool.query(FLOOR_SQL, ['soak', locomo.questions[(n - 1) % locomo.questions.length]]);
            w.floor.push(performance.now() - t1);
          }
        } catch (error) {
          w.errors += 1;
          if (w.errors <= 3) console.error(`  ${kind}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      while (Date.now() < windowEnd) await new Promise((resolve) => setTimeout(resolve, 250));
      w.heap = await heapReport(server.baseUrl);
      if (!w.heap.collected) throw new Error('the server was not started with --expose-gc: its heap figures would include garbage');
      const pids = [...processTree(server.pid), ...(worker?.pid ? processTree(worker.pid) : [])];
      for (const pid of pids) {
        const role = roleOf(pid);
        w.rssByRole.set(role, (w.rssByRole.get(role) ?? 0) + rssMiB(pid));
      }
      w.rss = [...w.rssByRole.values()].reduce((a, b) => a + b, 0);
      w.fds = openFds(pids);
      w.processes = pids.length;
      w.load = os.loadavg()[0]!;
      w.databaseMiB = await databaseMiB(floorUrl);
      windows.push(w);
      const stats = KINDS.map((k) => `${k} ${w.latencies[k].length}× p50 ${percentile(w.latencies[k], 50).toFixed(0)} p95 ${percentile(w.latencies[k], 95).toFixed(0)} ms`);
      stats.push(`FTS floor p50 ${percentile(w.floor, 50).toFixed(0)} p95 ${percentile(w.floor, 95).toFixed(0)} ms`);
      const roles = [...w.rssByRole].map(([role, mib]) => `${role} ${mib.toFixed(0)}`).join(', ');
      console.log(
        `window ${index}${index === 0 ? ' (warm-up)' : ''} [${new Date().toISOString().slice(11, 19)} load ${w.load.toFixed(1)}]: ${stats.join(' | ')} | errors ${w.errors} | ` +
          `heap after GC ${w.heap.heapUsedMiB.toFixed(1)} MiB (of ${w.heap.heapTotalMiB.toFixed(0)}, external ${w.heap.externalMiB.toFixed(1)}), handles ${handles(w.heap)} | ` +
          `RSS ${w.rss.toFixed(0)} MiB (${roles}) | fds ${w.fds} | database ${w.databaseMiB.toFixed(0)} MiB`,
      );
    }
  } finally {
    await floorPool?.end();
    if (worker?.pid) process.kill(-worker.pid, 'SIGTERM');
    // Stopped straight after load, with derivation batches typically in flight: the deploy case of docs/queue.md.
    const exit = await server.stop();
    const drained = workerOff || fs.readFileSync(server.log, 'utf8').includes('SIGTERM: finishing running batches before shutdown');
    console.log(
      `shutdown (SIGTERM to the server's process group): ${exit.killed ? 'KILLED after 30 s' : `exit ${exit.code ?? exit.signal}`} in ${(exit.ms / 1_000).toFixed(1)} s, ` +
        `drain line ${drained ? 'logged' : 'MISSING'}`,
    );
    failed = exit.code !== 0 || exit.killed || !drained;
    if (databaseUrl) {
      // A drained server leaves no claim and no item in progress behind (released items keep their attempt count).
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ claims: string; in_progress: string }>(
        `SELECT (SELECT count(*) FROM work_unit_claims) AS claims, (SELECT count(*) FROM work_items WHERE status = 'in_progress') AS in_progress`,
      );
      await client.end();
      console.log(`after shutdown: ${rows[0]!.claims} claims, ${rows[0]!.in_progress} items in progress`);
      failed ||= Number(rows[0]!.claims) > 0 || Number(rows[0]!.in_progress) > 0;
    }
  }
  failed = verdict(windows) || failed;
  if (!databaseUrl && !failed) fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

/**
 * True when any later window is worse than the first measured one beyond the thresholds. The worst window counts, not
 * only the last: a latency that climbs for minutes and recovers after a periodic job is still a failure.
 */
function verdict(windows: Window[]): boolean {
  // A last window cut short by the end of the run may hold no request at all: nothing to judge latency by.
  const measured = windows.slice(1).filter((w) => KINDS.some((k) => w.latencies[k].length > 0));
  if (measured.length < 2) {
    console.log('verdict: too few windows to compare (run longer or use a shorter --window)');
    return false;
  }
  const [first, last] = [measured[0]!, measured.at(-1)!];
  const later = measured.slice(1);
  const problems: string[] = [];
  // Retained memory: the heap after a full collection. RSS is printed, not judged (see the top of this file).
  const heap = Math.max(...later.map((w) => w.heap.heapUsedMiB));
  const firstHeap = first.heap.heapUsedMiB;
  if (heap > firstHeap * maxHeapGrowth && heap - firstHeap > 16) problems.push(`heap after GC grew ${firstHeap.toFixed(1)} → ${heap.toFixed(1)} MiB`);
  const fds = Math.max(...later.map((w) => w.fds));
  if (fds > first.fds * 1.5 && fds - first.fds > 20) problems.push(`open fds grew ${first.fds} → ${fds}`);
  const liveHandles = Math.max(...later.map((w) => handles(w.heap)));
  if (liveHandles > handles(first.heap) * 1.5 && liveHandles - handles(first.heap) > 20) problems.push(`live handles grew ${handles(first.heap)} → ${liveHandles}`);
  const ratio = (w: Window) => percentile(w.latencies.search, 95) / percentile(w.floor, 95);
  const judgedByFloor = first.floor.length > 0;
  for (const kind of KINDS) {
    if (kind === 'search' && judgedByFloor) continue;
    const a = percentile(first.latencies[kind], 95);
    const b = Math.max(...later.map((w) => percentile(w.latencies[kind], 95)));
    if (b > a * maxP95Growth && b - a > 25) problems.push(`${kind} p95 grew ${a.toFixed(0)} → ${b.toFixed(0)} ms (worst window)`);
  }
  // Search over a corpus that grows all run long gets slower with the data; its ratio to the plain FTS floor on the
  // same rows, measured right after each search, must not grow.
  if (judgedByFloor) {
    const worst = Math.max(...later.map(ratio));
    console.log(`search p95 ÷ FTS floor p95: first ${ratio(first).toFixed(1)}×, worst ${worst.toFixed(1)}×, last ${ratio(last).toFixed(1)}×`);
    if (worst > ratio(first) * maxP95Growth) problems.push(`search p95 grew against the FTS floor: ${ratio(first).toFixed(1)}× → ${worst.toFixed(1)}× (worst window)`);
  }
  const errors = measured.reduce((sum, w) => sum + w.errors, 0);
  if (errors > 0) problems.push(`${errors} failed requests`);
  // Levelling off: a cache or heap that fills up grows in the first half and much less in the second; a leak keeps its pace.
  const middle = measured[Math.floor(measured.length / 2)]!;
  console.log(
    `heap after GC: first half ${firstHeap.toFixed(1)} → ${middle.heap.heapUsedMiB.toFixed(1)} MiB (${signed(middle.heap.heapUsedMiB - firstHeap, 1)}), ` +
      `second half → ${last.heap.heapUsedMiB.toFixed(1)} MiB (${signed(last.heap.heapUsedMiB - middle.heap.heapUsedMiB, 1)})`,
  );
  // The slope over every measured window (least squares), per minute and per request: a leak shows as a steady
  // positive slope whatever the noise of single windows; a flat heap stays near zero.
  const slope = heapSlope(measured);
  console.log(`heap after GC slope: ${signed(slope.perMinute, 2)}/min, ${(slope.perRequest * 1024).toFixed(2)} KiB per request (${slope.requests} requests)`);
  console.log(
    `RSS trend: first half ${first.rss.toFixed(0)} → ${middle.rss.toFixed(0)} MiB (${signed(middle.rss - first.rss)}), ` +
      `second half → ${last.rss.toFixed(0)} MiB (${signed(last.rss - middle.rss)}); load average ${Math.min(...measured.map((w) => w.load)).toFixed(1)}–${Math.max(...measured.map((w) => w.load)).toFixed(1)}`,
  );
  console.log(problems.length ? `verdict: NOT FLAT — ${problems.join('; ')}` : `verdict: flat (windows ${first.index} → ${last.index}: heap after GC ${firstHeap.toFixed(1)} → ${last.heap.heapUsedMiB.toFixed(1)} MiB, fds ${first.fds} → ${last.fds}, handles ${handles(first.heap)} → ${handles(last.heap)}; RSS ${first.rss.toFixed(0)} → ${last.rss.toFixed(0)} MiB)`);
  return problems.length > 0;
}

/** Least-squares slope of the post-collection heap against time and against requests served. */
function heapSlope(windows: Window[]): { perMinute: number; perRequest: number; requests: number } {
  let requests = 0;
  const points = windows.map((w, i) => {
    requests += KINDS.reduce((sum, k) => sum + w.latencies[k].length, 0) + w.errors;
    return { minute: (i * windowSeconds) / 60, requests, heap: w.heap.heapUsedMiB };
  });
  const fit = (x: (p: (typeof points)[number]) => number) => {
    const n = points.length;
    const mx = points.reduce((s, p) => s + x(p), 0) / n;
    const my = points.reduce((s, p) => s + p.heap, 0) / n;
    const sxy = points.reduce((s, p) => s + (x(p) - mx) * (p.heap - my), 0);
    const sxx = points.reduce((s, p) => s + (x(p) - mx) ** 2, 0);
    return sxx > 0 ? sxy / sxx : 0;
  };
  return { perMinute: fit((p) => p.minute), perRequest: fit((p) => p.requests), requests };
}

function signed(mib: number, digits = 0): string {
  return `${mib >= 0 ? '+' : ''}${mib.toFixed(digits)} MiB`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

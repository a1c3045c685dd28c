// Queue benchmark: what one worker poll costs as the backlog grows, how fast a worker drains, and whether a big import
// in one workspace delays another workspace's first item.
//
//   npm run bench:queue                                  # embedded database, backlogs 0 and 200000
//   npm run bench:queue -- --sizes 0,200000,1000000      # on the server named by DATABASE_URL (a fresh database)
//   options: --polls 200 (poll samples per size), --import 50000 (fairness backlog), --drain-seconds 8,
//            --locomo <locomo-dir> (text of the imported messages; required unless --skip-conclusion),
//            --skip-conclusion (synthetic fairness only)
//
// The backlog is written straight into work_items with generate_series (the triggers keep work_units as they do for
// every enqueue), 100 pending items per unit spread over 20 workspaces, all due. "floor" is `SELECT 1` on the same
// connection in the same run, so the poll figure can be read against the round trip it cannot beat.
// Fairness is measured twice. First with a synthetic handler (a fixed 20 ms per batch): the queue's ordering alone.
// Then as a user sees it: workspace A imports `--import` LoCoMo messages through the real write path (createMessages,
// which records their derivation, embedding and summary work), the production worker (startWorker with the registry's
// handlers and the configured engines: offline by default) drains it, and a first-person message is written in
// workspace B; the figure is the time until B's first conclusion row exists. The floor is the same message in a third
// workspace on an empty queue, same run: it contains the derivation debounce (a lone message waits for its sender to
// pause), the worker's wake-up and the deriver itself.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { readDatabaseConfig } from '@/server/config/database-config';
import { closeDb, getDb } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded-postgres';
import { prepareDatabase } from '@/server/db/prepare-database';
import { Prisma } from '@/generated/prisma/client';
import { findRunnableUnits, runnableUnitsSql } from '@/server/jobs/find-runnable-units';
import { createMessages } from '@/server/services/messages/create-messages';
import { readLocomo } from './search/locomo';
import type { JobHandler } from '@/server/jobs/job-types';
import { startWorker } from '@/server/jobs/start-worker';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    polls: { type: 'string', default: '200' },
    import: { type: 'string', default: '50000' },
    'drain-seconds': { type: 'string', default: '8' },
    locomo: { type: 'string' },
    'skip-conclusion': { type: 'boolean', default: false },
  },
});
if (!values.locomo && !values['skip-conclusion']) {
  console.error('bench:queue: pass --locomo <locomo-dir> (the text of the imported messages), or --skip-conclusion');
  process.exit(2);
}
const serverUrl = process.env.DATABASE_URL;
const sizes = (values.sizes ?? (serverUrl ? '0,200000,1000000' : '0,200000')).split(',').map(Number);
const polls = Number(values.polls);
const importSize = Number(values.import);
const drainSeconds = Number(values['drain-seconds']);
const ITEMS_PER_UNIT = 100;
const WORKSPACES = 20;
const quiet = () => {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pct(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function openDatabase(): Promise<{ kind: string; close: () => Promise<void> }> {
  // The configured dimensions (384 by default): the real-conclusion fairness run embeds with the configured engine.
  const options = { vectorPreference: 'auto' as const, embeddingDimensions: readDatabaseConfig().embeddingDimensions };
  if (serverUrl) {
    const name = `rapport_bench_queue_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await prepareDatabase(url.toString(), options);
    process.env.DATABASE_URL = url.toString();
    return {
      kind: 'PostgreSQL server',
      close: async () => {
        await closeDb();
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres({});
  await prepareDatabase(embedded.url, options);
  process.env.DATABASE_URL = embedded.url;
  return { kind: 'embedded (PGlite)', close: async () => (await closeDb(), await embedded.stop()) };
}

async function addWorkspaces(prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  await getDb().$executeRaw`INSERT INTO workspaces (id, name) SELECT id, id FROM unnest(${ids}::text[]) AS id ON CONFLICT DO NOTHING`;
  return ids;
}

/** Adds `count` pending, due summary items: ITEMS_PER_UNIT per unit, units spread round robin over the workspaces. */
async function addBacklog(workspaces: string[], count: number, tag: string): Promise<void> {
  const chunk = 50_000;
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    await getDb().$executeRaw`
      INSERT INTO work_items (workspace_id, kind, status, unit_key, available_at)
      SELECT (${workspaces}::text[])[1 + ((g / ${ITEMS_PER_UNIT}) % ${workspaces.length})], 'summary', 'pending',
             ${tag} || ':' || (g / ${ITEMS_PER_UNIT}), now() - interval '1 minute'
      FROM generate_series(${done}::int, ${done + n - 1}::int) AS g`;
  }
  await getDb().$executeRawUnsafe('ANALYZE work_items');
  await getDb().$executeRawUnsafe('ANALYZE work_units');
  await getDb().$executeRawUnsafe('ANALYZE work_workspace_turns');
}

type PollFigures = { p50: number; p95: number; floor50: number; floor95: number; exec50: number; exec95: number; units: number };

async function measurePolls(): Promise<PollFigures> {
  const poll: number[] = [];
  const floor: number[] = [];
  const exec: number[] = [];
  let units = 0;
  // The statement's own execution time on the server: what the backlog can change, whatever the machine's load.
  const query = runnableUnitsSql({ kinds: ['summary', 'derivation'], limit: 8 });
  for (let i = 0; i < Math.min(polls, 50); i += 1) {
    const [plan] = await getDb().$queryRaw<{ 'QUERY PLAN': [{ 'Execution Time': number }] }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`);
    exec.push(plan!['QUERY PLAN'][0]['Execution Time']);
  }
  if (process.env.BENCH_PLAN) {
    const lines = await getDb().$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
    console.log(lines.map((l) => l['QUERY PLAN']).join('\n'));
  }
  for (let i = 0; i < polls; i += 1) {
    let t = performance.now();
    await getDb().$queryRaw`SELECT 1`;
    floor.push(performance.now() - t);
    t = performance.now();
    units = (await findRunnableUnits(getDb(), { kinds: ['summary', 'derivation'], limit: 8 })).length;
    poll.push(performance.now() - t);
  }
  return { p50: pct(poll, 50), p95: pct(poll, 95), floor50: pct(floor, 50), floor95: pct(floor, 95), exec50: pct(exec, 50), exec95: pct(exec, 95), units };
}

const completing = (delayMs: number): JobHandler => ({
  kind: 'summary',
  maxBatch: 100,
  async run(items, ctx) {
    if (delayMs) await sleep(delayMs);
    await ctx.db.$transaction((tx) => ctx.complete(tx, items));
  },
});

async function measureDrain(): Promise<number> {
  const worker = startWorker({ db: getDb(), handlers: { summary: completing(0) }, log: quiet, concurrency: 4, leaseMs: 60_000, sweepTasks: [] });
  await sleep(1_000);
  const before = worker.totals().completed;
  const t = performance.now();
  await sleep(drainSeconds * 1_000);
  const rate = ((worker.totals().completed - before) * 1_000) / (performance.now() - t);
  await worker.stop({ graceMs: 5_000 });
  return rate;
}

/** Workspace A holds an import of `importSize` items; B's first item must not wait for it. */
async function measureFairness(): Promise<{ ms: number; aDoneBefore: number }> {
  // TRUNCATE, not DELETE: the triggers then clear work_units in one statement instead of refreshing every unit.
  await getDb().$executeRawUnsafe('TRUNCATE work_items, work_unit_claims');
  const [a] = await addWorkspaces('bench-import-', 1);
  const [b] = await addWorkspaces('bench-chat-', 1);
  await addBacklog([a!], importSize, 'summary:import');
  const worker = startWorker({ db: getDb(), handlers: { summary: completing(20) }, log: quiet, concurrency: 4, leaseMs: 60_000, sweepTasks: [] });
  await sleep(2_000);
  const t = performance.now();
  await getDb().$executeRaw`
    INSERT INTO work_items (workspace_id, kind, status, unit_key) VALUES (${b}, 'summary', 'pending', 'summary:chat:first')`;
  const limit = performance.now() + 60_000;
  let ms = NaN;
  while (performance.now() < limit) {
    const [row] = await getDb().$queryRaw<{ done: boolean }[]>`
      SELECT bool_and(status = 'completed') AS done FROM work_items WHERE unit_key = 'summary:chat:first'`;
    if (row?.done) {
      ms = performance.now() - t;
      break;
    }
    await sleep(10);
  }
  const aDone = await getDb().workItem.count({ where: { workspaceId: a!, status: 'completed' } });
  await worker.stop({ graceMs: 0 });
  return { ms, aDoneBefore: aDone };
}

const FIRST_PERSON = 'I moved to Lisbon last week and started working as a nurse at the children\'s hospital.';
const IMPORT_SESSIONS = 50;

/** Writes `count` LoCoMo turns into workspace `workspace` through the API's write path, batches of 100, 50 sessions. */
async function importMessages(workspace: string, count: number): Promise<number> {
  const turns = readLocomo(values.locomo!).conversations.flatMap((c) => c.sessions.flatMap((s) => s.turns));
  const t = performance.now();
  for (let done = 0; done < count; done += 100) {
    const n = Math.min(100, count - done);
    const batch = Array.from({ length: n }, (_, i) => {
      const turn = turns[(done + i) % turns.length]!;
      return { peer_id: turn.speaker ? 'bob' : 'alice', content: turn.content };
    });
    await createMessages({ workspace, session: `import-${(done / 100) % IMPORT_SESSIONS}` }, batch);
  }
  return performance.now() - t;
}

/** Writes the first-person message in `workspace` and waits for its first conclusion; ms, or NaN after `limitMs`. */
async function timeToConclusion(workspace: string, limitMs: number): Promise<number> {
  const t = performance.now();
  await createMessages({ workspace, session: 'chat' }, [{ peer_id: 'maria', content: FIRST_PERSON }]);
  const limit = t + limitMs;
  while (performance.now() < limit) {
    const [row] = await getDb().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM conclusions c JOIN workspaces w ON w.id = c.workspace_id WHERE w.name = ${workspace}`;
    if (row && row.n > 0n) return performance.now() - t;
    await sleep(50);
  }
  return NaN;
}

type ConclusionFairness = { floorMs: number; ms: number; importMs: number; pendingAtStart: number; aDone: number; conclusion: string };

/** Time to a real conclusion in workspace B while the production worker drains workspace A's import. */
async function measureConclusionFairness(): Promise<ConclusionFairness> {
  await getDb().$executeRawUnsafe('TRUNCATE work_items, work_unit_claims');
  const worker = () => startWorker({ db: getDb(), log: quiet });
  // Floor: the same message on an empty queue.
  let w = worker();
  const floorMs = await timeToConclusion('bench-conclusion-floor', 60_000);
  await w.stop({ graceMs: 5_000 });
  await getDb().$executeRawUnsafe('TRUNCATE work_items, work_unit_claims');

  const importMs = await importMessages('bench-conclusion-import', importSize);
  await getDb().$executeRawUnsafe('ANALYZE');
  const [pending] = await getDb().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM work_items WHERE status = 'pending'`;
  w = worker();
  await sleep(5_000);
  const ms = await timeToConclusion('bench-conclusion-chat', 60_000);
  const [done] = await getDb().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM work_items WHERE status = 'completed'`;
  const [conclusion] = await getDb().$queryRaw<{ content: string }[]>`
    SELECT c.content FROM conclusions c JOIN workspaces w ON w.id = c.workspace_id WHERE w.name = 'bench-conclusion-chat' LIMIT 1`;
  await w.stop({ graceMs: 5_000 });
  return { floorMs, ms, importMs, pendingAtStart: Number(pending?.n ?? 0), aDone: Number(done?.n ?? 0), conclusion: conclusion?.content ?? '(none)' };
}

async function main(): Promise<void> {
  const database = await openDatabase();
  console.log(`[bench:queue] ${database.kind}; sizes ${sizes.join(', ')}; ${polls} polls each`);
  try {
    const workspaces = await addWorkspaces('bench-ws-', WORKSPACES);
    let pending = 0;
    const rows: string[] = [];
    for (const size of sizes) {
      if (size > pending) {
        const t = performance.now();
        await addBacklog(workspaces, size - pending, `summary:b${size}`);
        console.log(`[bench:queue] backlog ${size.toLocaleString('en')} pending items written in ${((performance.now() - t) / 1_000).toFixed(1)} s`);
        pending = size;
      }
      const r = await measurePolls();
      rows.push(
        `| ${size.toLocaleString('en').padStart(9)} | ${r.p50.toFixed(2).padStart(7)} | ${r.p95.toFixed(2).padStart(7)} | ${r.floor50.toFixed(2).padStart(9)} | ${r.floor95.toFixed(2).padStart(9)} | ${r.exec50.toFixed(3)} | ${r.exec95.toFixed(3)} | ${r.units} |`,
      );
      console.log(rows.at(-1));
    }
    console.log('\n| pending   | poll p50 ms | poll p95 ms | floor p50 | floor p95 | server exec p50 | server exec p95 | units returned |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    const rate = await measureDrain();
    console.log(`\ndrain: ${rate.toFixed(0)} items/s (one worker, concurrency 4, batches of 100, no-op handler, ${pending.toLocaleString('en')} pending)`);
    const fair = await measureFairness();
    console.log(
      `fairness: workspace B's first item done ${Number.isNaN(fair.ms) ? 'NOT within 60 s' : `${fair.ms.toFixed(0)} ms`} after enqueue, ` +
        `while workspace A drained an import of ${importSize.toLocaleString('en')} items (${fair.aDoneBefore.toLocaleString('en')} of A's done by then; 20 ms per batch)`,
    );
    if (!values['skip-conclusion']) {
      const c = await measureConclusionFairness();
      const show = (ms: number) => (Number.isNaN(ms) ? 'NOT within 60 s' : `${(ms / 1_000).toFixed(1)} s`);
      console.log(
        `fairness (real conclusion): workspace B's first conclusion ${show(c.ms)} after its message, while the production worker drained ` +
          `an import of ${importSize.toLocaleString('en')} messages in workspace A (${c.pendingAtStart.toLocaleString('en')} work items pending at the start, ` +
          `${c.aDone.toLocaleString('en')} completed by then; import written in ${(c.importMs / 1_000).toFixed(0)} s). ` +
          `Floor, same message on an empty queue: ${show(c.floorMs)}. Conclusion: "${c.conclusion}"`,
      );
    }
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

// Search latency benchmark on realistic text, through the production server (docs/search.md).
//
//   npm run build                                        # once: the bench runs `npm start`
//   npm run bench:search -- <locomo-dir> [--targets pg:100k,pg:1m,embedded:100k,pg:100x10k]
//                                                        [--queries 200] [--warmup 20] [--budget 120]
//
// The corpus is LoCoMo's turns replayed under other speaker names until each workspace holds its target size; LoCoMo
// questions are the queries. Corpora are built once (through the app's write-path functions, embeddings in bulk) and
// cached by name on the bench server or in an embedded data directory. Each target then starts `npm start` against
// its corpus and times, one request at a time after a warm-up: workspace and session message search, session context
// with search_query, peer representation and conclusion query; in the same run it times the floor — plain
// PostgreSQL full-text search (GIN, OR of the query's lexemes, ts_rank_cd, top 10) over the same rows through `pg` —
// and prints each read's ratio to it. A read stops after --budget seconds (at least 10 samples), so slow baselines
// end. Plans (EXPLAIN ANALYZE BUFFERS via auto_explain) and the statements of the timed phase go to
// bench/results/<target>/plans.txt, the table to bench/results/<target>/summary.txt.
//
// Environment: BENCH_DATABASE_URL (bench server, default postgresql://postgres@127.0.0.1:55505/postgres),
// BENCH_PG_LOG (its log, default /var/tmp/rapport-bench/postgres.log), BENCH_EMBEDDED_DIR (embedded corpora,
// default /var/tmp/rapport-bench/embedded).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { runningEmbeddedUrl } from '../scripts/embedded-connection';
import { startAppServer } from './app-server';
import { ensureEmbeddedCorpus, ensurePgCorpus, workspaceNames, type LoadRate } from './search/corpus-cache';
import { sessionIndex } from './search/corpus-plan';
import { readLocomo, type Locomo } from './search/locomo';
import { appPlans, floorPlan, resetStatements, statementReport, type PlanSource } from './search/plans';
import { floorRead, httpReads, timeRead, type ReadTarget, type Timing } from './search/reads';
import { parseTarget, type BenchTarget } from './search/targets';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { targets: { type: 'string', default: 'pg:100k' }, queries: { type: 'string', default: '200' }, warmup: { type: 'string', default: '20' }, budget: { type: 'string', default: '120' } },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: npm run bench:search -- <LoCoMo directory> [--targets pg:100k,…] [--queries N]');
const queries = Number(values.queries);
const warmup = Number(values.warmup);
const budgetMs = Number(values.budget) * 1000;
if (!Number.isInteger(queries) || queries < 1 || !Number.isInteger(warmup) || warmup < 0 || !(budgetMs > 0)) throw new Error('--queries, --warmup and --budget take positive integers');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:55505/postgres';
const pgLog = process.env.BENCH_PG_LOG ?? '/var/tmp/rapport-bench/postgres.log';
const embeddedRoot = process.env.BENCH_EMBEDDED_DIR ?? '/var/tmp/rapport-bench/embedded';

/** Deterministic spread of questions over workspaces, sessions and the peers speaking in them. */
function readTargets(locomo: Locomo, target: BenchTarget): ReadTarget[] {
  const names = workspaceNames(target);
  const indexes = new Map<number, ReturnType<typeof sessionIndex>>();
  let seed = 12345;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  return Array.from({ length: queries }, (_, i) => {
    const w = i % names.length;
    const salt = w % locomo.conversations.length;
    if (!indexes.has(salt)) indexes.set(salt, sessionIndex(locomo, target.perWorkspace, salt));
    const sessions = indexes.get(salt)!;
    const session = sessions[rand(sessions.length)]!;
    return { workspace: names[w]!, session: session.name, peer: session.peers[rand(2)]!, query: locomo.questions[rand(locomo.questions.length)]! };
  });
}

function table(target: BenchTarget, timings: Timing[], floor: Timing): string {
  const ms = (v: number) => v.toFixed(1).padStart(8);
  const lines = [
    `| ${target.label} (${target.workspaces > 1 ? `${target.workspaces} workspaces × ` : ''}${target.perWorkspace} msgs) | n | p50 ms | p95 ms | p99 ms | p50 / floor | p95 / floor |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...[...timings, floor].map(
      (t) => `| ${t.name.padEnd(32)} | ${String(t.samples).padStart(4)} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.p99)} | ${(t.p50 / floor.p50).toFixed(1).padStart(6)}× | ${(t.p95 / floor.p95).toFixed(1).padStart(6)}× |`,
    ),
  ];
  return lines.join('\n');
}

function loadLine(load: LoadRate | null): string {
  if (!load) return 'corpus: cached (built earlier)';
  return `corpus built: ${load.messages} messages + ${load.conclusions} conclusions in ${load.seconds.toFixed(0)} s = ${(load.messages / load.seconds).toFixed(0)} messages/s (with embeddings, vector-list training ${load.listSeconds.toFixed(0)} s and VACUUM ANALYZE included)`;
}

async function runTarget(locomo: Locomo, target: BenchTarget): Promise<string> {
  const outDir = path.resolve('bench/results', target.label);
  fs.mkdirSync(outDir, { recursive: true });
  console.log(`\n${target.label}:`);
  const corpus = target.kind === 'pg' ? await ensurePgCorpus(adminUrl, target, locomo) : await ensureEmbeddedCorpus(embeddedRoot, target, locomo);
  console.log(`  ${loadLine(corpus.load)}`);
  const server = await startAppServer({
    ...('url' in corpus ? { databaseUrl: corpus.url } : { dataDir: corpus.dataDir }),
    logFile: path.join(outDir, 'server.log'),
    // Nothing is queued in a bench corpus; an idle worker's polls would only add noise to the timings and the plans.
    env: { WORKER_IN_PROCESS: 'false' },
  });
  const floorUrl = 'url' in corpus ? corpus.url : runningEmbeddedUrl(corpus.dataDir);
  if (!floorUrl) throw new Error('the embedded launcher published no database URL');
  const pool = new pg.Pool({ connectionString: floorUrl, max: 1 });
  const admin = target.kind === 'pg' ? new pg.Pool({ connectionString: adminUrl, max: 1 }) : null;
  const source: PlanSource | null = admin ? { admin, database: corpus.name, logFile: pgLog } : null;
  try {
    const targets = readTargets(locomo, target);
    const reads = httpReads(server.baseUrl);
    const floor = await timeRead(floorRead(pool), targets, warmup);
    console.log(`  ${floor.name}: p50 ${floor.p50.toFixed(1)} ms, p95 ${floor.p95.toFixed(1)} ms`);
    const timings: Timing[] = [];
    const statements: string[] = [];
    for (const read of reads) {
      const counting = source ? await resetStatements(source) : false;
      timings.push(await timeRead(read, targets, warmup, budgetMs));
      if (source && counting) statements.push(await statementReport(source, read.name, timings.at(-1)!.samples + warmup));
      const t = timings.at(-1)!;
      console.log(`  ${t.name}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms (${(t.p95 / floor.p95).toFixed(1)}× floor p95; ${t.samples} samples)`);
    }
    const summary = `${table(target, timings, floor)}\n\n${loadLine(corpus.load)}\n${queries} queries per read after ${warmup} warm-up; production server (npm start), ${target.kind === 'pg' ? 'PostgreSQL 15 bench server' : 'embedded database'}\n`;
    const plans = [
      `# ${target.label}: plans (${new Date().toISOString()})\n`,
      await floorPlan(pool, targets[0]!),
      statements.length > 0 ? statements.join('\n') : '(pg_stat_statements unavailable)\n',
      source ? await appPlans(source, reads, targets[0]!) : '(app plans need the bench PostgreSQL server: auto_explain is not available on the embedded database)\n',
    ];
    fs.writeFileSync(path.join(outDir, 'summary.txt'), summary);
    fs.writeFileSync(path.join(outDir, 'plans.txt'), plans.join('\n'));
    console.log(`  plans: ${path.relative(process.cwd(), path.join(outDir, 'plans.txt'))}`);
    return summary;
  } finally {
    await pool.end();
    await admin?.end();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const locomo = readLocomo(dir!);
  const targets = values.targets!.split(',').map(parseTarget);
  console.log(`LoCoMo: ${locomo.conversations.length} conversations, ${locomo.questions.length} questions; targets ${targets.map((t) => t.label).join(', ')}`);
  const summaries: string[] = [];
  for (const target of targets) summaries.push(await runTarget(locomo, target));
  console.log(`\n${summaries.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

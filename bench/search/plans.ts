// The plans behind the timings. On the bench PostgreSQL server (auto_explain and pg_stat_statements preloaded) one
// sample of every read is run with auto_explain.log_min_duration = 0 switched on for the moment — so the plans are
// those of the production server's own statements, parameters and all — and cut out of the server log; the
// statements of the timed phase come from pg_stat_statements (calls per request = round trips). The floor's plan is
// taken with EXPLAIN (ANALYZE, BUFFERS) directly. The embedded database has neither module: only the floor's plan.
import fs from 'node:fs';
import type pg from 'pg';
import { FLOOR_SQL, type Read, type ReadTarget } from './reads';

export type PlanSource = { admin: pg.Pool; database: string; logFile: string };

export async function resetStatements(source: PlanSource): Promise<boolean> {
  try {
    await source.admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await source.admin.query('SELECT pg_stat_statements_reset()');
    return true;
  } catch {
    return false; // not preloaded on this server: the report says so
  }
}

/** The statements one read sent during its timed phase (reset before it): round trips and time per request. */
export async function statementReport(source: PlanSource, read: string, requests: number): Promise<string> {
  const { rows } = await source.admin.query<{ calls: string; mean: number; total: number; rows: string; query: string }>(
    `SELECT s.calls, s.mean_exec_time AS mean, s.total_exec_time AS total, s.rows, s.query
     FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
     WHERE d.datname = $1 AND s.query NOT ILIKE '%pg_stat_statements%' ORDER BY s.total_exec_time DESC LIMIT 15`,
    [source.database],
  );
  const lines = rows.map(
    (r) => `calls ${r.calls} (${(Number(r.calls) / requests).toFixed(2)}/request)  mean ${r.mean.toFixed(2)} ms  total ${r.total.toFixed(0)} ms  rows ${r.rows}\n    ${r.query.replace(/\s+/g, ' ').slice(0, 600)}`,
  );
  const calls = rows.reduce((sum, r) => sum + Number(r.calls), 0);
  return `## ${read}: statements (pg_stat_statements, top 15 by total time; ${requests} requests incl. warm-up; ${(calls / requests).toFixed(1)} statements/request)\n\n${lines.join('\n\n')}\n`;
}

async function setAutoExplain(admin: pg.Pool, on: boolean): Promise<void> {
  await admin.query(on ? 'ALTER SYSTEM SET auto_explain.log_min_duration = 0' : 'ALTER SYSTEM RESET auto_explain.log_min_duration');
  await admin.query('SELECT pg_reload_conf()');
  // Backends apply a reload at their next command; give the signal a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** Runs each read once with auto_explain on and returns the plans the server logged for the bench database. */
export async function appPlans(source: PlanSource, reads: readonly Read[], sample: ReadTarget): Promise<string> {
  if (!fs.existsSync(source.logFile)) return `(no server log at ${source.logFile}: set BENCH_PG_LOG)\n`;
  const sections: string[] = [];
  for (const read of reads) {
    const offset = fs.statSync(source.logFile).size;
    await setAutoExplain(source.admin, true);
    try {
      await read.run(sample);
    } finally {
      await setAutoExplain(source.admin, false);
    }
    const fd = fs.openSync(source.logFile, 'r');
    const buffer = Buffer.alloc(fs.statSync(source.logFile).size - offset);
    fs.readSync(fd, buffer, 0, buffer.length, offset);
    fs.closeSync(fd);
    const blocks = logBlocks(buffer.toString('utf8')).filter((b) => b.includes(`db=${source.database} `) && b.includes('plan:'));
    sections.push(`## ${read.name} — ${blocks.length} statement(s)\n\n${blocks.join('\n\n') || '(no plan logged)'}\n`);
  }
  return sections.join('\n');
}

/** Log entries: a timestamped line and the tab-indented lines that continue it. */
function logBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\d{4}-\d\d-\d\d /.test(line) || blocks.length === 0) blocks.push(line);
    else blocks[blocks.length - 1] += `\n${line}`;
  }
  return blocks;
}

export async function floorPlan(pool: pg.Pool, sample: ReadTarget): Promise<string> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${FLOOR_SQL}`, [sample.workspace, sample.query]);
  return `## floor: plain FTS top 10\n\n${FLOOR_SQL.trim()}\n\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`;
}

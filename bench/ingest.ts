// Ingest benchmark: messages/second through `POST …/messages` (batches of 100) against a running Rapport, next to the
// raw floor measured in the same run — the same rows inserted straight into the same database with multi-row INSERTs
// through `pg`. The ratio says how much the API path (HTTP, validation, token counting, get-or-create, membership,
// sequence allocation under the session lock, work_items recording) costs over the bare insert.
//
//   npm run dev                                  # or PORT=8123 npm run dev
//   npm run bench:ingest                         # BASE_URL=http://127.0.0.1:8123 npm run bench:ingest
//
// Settings (environment): BASE_URL (default http://127.0.0.1:8000), BATCHES (default 50), CONCURRENCY (default 4,
// each concurrent writer uses its own session), LOCOMO_DIR (a directory of LoCoMo conversations: the messages are
// their turns in order, cycled; without it, MESSAGE_CHARS (default 300) of generated chat-like text), ROUNDS (default 5: the phases alternate
// in rounds so that load from other processes affects them alike), API_KEY or HONCHO_API_KEY (when the
// server enforces credentials), DATABASE_URL (default: the embedded database published by the running launcher in
// <RAPPORT_DATA_DIR or .data>/embedded-postgres.json). Every run writes into a new workspace `bench-<time>-<random>`.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { countTokens } from '@/server/services/messages/count-tokens';
import { newInternalId, newPublicId } from '@/server/services/ids';
import { runningEmbeddedUrl } from '../scripts/embedded-connection';
import { readLocomo } from './search/locomo';

const BATCH_SIZE = 100;
const env = process.env;
const baseUrl = (env.BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');
const batches = positive('BATCHES', 50);
const concurrency = Math.min(positive('CONCURRENCY', 4), batches);
const messageChars = positive('MESSAGE_CHARS', 300);
const locomoDir = env.LOCOMO_DIR;
const rounds = Math.min(positive('ROUNDS', 5), batches);
const apiKey = env.API_KEY ?? env.HONCHO_API_KEY;
const workspace = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

type Row = { peer: string; content: string; metadata: Record<string, unknown> };

function positive(name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

// Deterministic chat-like text, so runs are comparable.
const WORDS = ('the a I you we they my your our coffee morning trip Lisbon dog walk meeting project deadline weekend ' +
  'dinner sister brother moved started finished really think maybe tomorrow yesterday because but and then also ' +
  'running garden book reading music guitar lesson office remote team launch bug fix release plan idea').split(' ');
let seed = 42;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
function sentence(chars: number): string {
  let text = '';
  while (text.length < chars) text += `${WORDS[Math.floor(next() * WORDS.length)]}${next() < 0.1 ? '. ' : ' '}`;
  return text.slice(0, chars).trim();
}

/** Real conversation turns in order (speaker A writes as `user`, B as `assistant`), or null without LOCOMO_DIR. */
function locomoTurns(): { peer: string; content: string }[] | null {
  if (!locomoDir) return null;
  const turns = readLocomo(locomoDir).conversations.flatMap((c) =>
    c.sessions.flatMap((s) => s.turns.map((t) => ({ peer: t.speaker === 0 ? 'user' : 'assistant', content: t.content }))),
  );
  if (turns.length === 0) throw new Error(`no turns in the LoCoMo conversations of ${locomoDir}`);
  return turns;
}

/** Batches of rows for one phase: writer w gets batches w, w+concurrency, … */
function makeBatches(): Row[][] {
  const turns = locomoTurns();
  return Array.from({ length: batches }, (_, b) =>
    Array.from({ length: BATCH_SIZE }, (_, i) => {
      const turn = turns?.[(b * BATCH_SIZE + i) % turns.length];
      return {
        peer: turn?.peer ?? (i % 2 === 0 ? 'user' : 'assistant'),
        content: turn?.content ?? sentence(messageChars),
        metadata: { batch: b, index: i },
      };
    }),
  );
}

type PhaseResult = { seconds: number; latencies: number[] };

/** Runs `work` over the batches with `concurrency` writers; writer k always uses session/slot k. */
async function runPhase(rows: Row[][], work: (writer: number, batch: Row[]) => Promise<void>): Promise<PhaseResult> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, writer) => {
      for (let b = writer; b < rows.length; b += concurrency) {
        const t0 = performance.now();
        await work(writer, rows[b]!);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

async function postBatch(session: string, batch: Row[]): Promise<void> {
  const response = await fetch(`${baseUrl}/v3/workspaces/${workspace}/sessions/${session}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify({ messages: batch.map((r) => ({ peer_id: r.peer, content: r.content, metadata: r.metadata })) }),
  });
  if (response.status !== 201) throw new Error(`POST messages answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

function databaseUrl(): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = path.resolve(env.RAPPORT_DATA_DIR ?? '.data');
  const url = runningEmbeddedUrl(dataDir);
  if (!url) throw new Error(`No DATABASE_URL and no running embedded database published in ${dataDir}; start \`npm run dev\` first.`);
  return url;
}

type Writer = (writer: number, batch: Row[]) => Promise<void>;

/**
 * The raw floor: the same rows, one multi-row INSERT per batch, into sessions created for it in the same workspace.
 * With `withWork`, each statement also inserts the work items the API records (a derivation item per message and
 * one embedding item per batch), which separates the API's own overhead from the cost of the outbox rows.
 */
async function floorWriter(pool: pg.Pool, rows: Row[][], label: string, withWork: boolean): Promise<Writer> {
  const { rows: found } = await pool.query<{ id: string }>('SELECT id FROM workspaces WHERE name = $1', [workspace]);
  const workspaceId = found[0]?.id;
  if (!workspaceId) throw new Error(`workspace ${workspace} not found in the database at DATABASE_URL: is it the app's database?`);
  const { rows: peers } = await pool.query<{ id: string; name: string }>('SELECT id, name FROM peers WHERE workspace_id = $1', [workspaceId]);
  const peerId = new Map(peers.map((p) => [p.name, p.id]));
  const sessions: string[] = [];
  for (let k = 0; k < concurrency; k += 1) {
    const id = newInternalId();
    await pool.query('INSERT INTO sessions (id, workspace_id, name) VALUES ($1, $2, $3)', [id, workspaceId, `${label}-${k}`]);
    sessions.push(id);
  }
  // Token counts are part of the row, not of the floor's work: computed before the clock starts.
  const tokens = new Map(rows.flat().map((r) => [r, countTokens(r.content)]));
  const nextSeq = sessions.map(() => 1);
  return async (writer, batch) => {
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    const messages: string[] = [];
    const work: string[] = [];
    const ids: string[] = [];
    for (const r of batch) {
      const seq = nextSeq[writer]!;
      nextSeq[writer] = seq + 1;
      const id = newPublicId();
      const [w, s, p] = [param(workspaceId), param(sessions[writer]), param(peerId.get(r.peer))];
      messages.push(
        `(${param(id)}, ${w}, ${s}, ${p}, ${param(seq)}, ${param(r.content)}, ${param(tokens.get(r))}, ` +
          `${param(JSON.stringify(r.metadata))}::jsonb, '{}'::jsonb, now())`,
      );
      if (withWork) {
        const unit = param(`derive:${sessions[writer]}:${peerId.get(r.peer)}`);
        work.push(`(${w}, 'derivation', ${unit}, ${s}, ${param(id)}, ${p}, ARRAY[${p}]::text[], '{}'::jsonb, now() + interval '5 seconds', now() + interval '60 seconds')`);
      }
      ids.push(id);
    }
    if (withWork) {
      const [w, s] = [param(workspaceId), param(sessions[writer])];
      work.push(`(${w}, 'embedding', ${param(`embed:${sessions[writer]}`)}, ${s}, NULL, NULL, '{}'::text[], ${param(JSON.stringify({ message_ids: ids }))}::jsonb, now(), NULL)`);
    }
    const insertMessages = `INSERT INTO messages (id, workspace_id, session_id, peer_id, seq, content, token_count, metadata, configuration, created_at)
       VALUES ${messages.join(', ')}`;
    const sql = withWork
      ? `WITH work AS (INSERT INTO work_items (workspace_id, kind, unit_key, session_id, message_id, sender_id, observer_ids, payload,
           available_at, deadline_at) VALUES ${work.join(', ')}) ${insertMessages}`
      : insertMessages;
    await pool.query(sql, values);
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function report(label: string, result: PhaseResult): number {
  const rate = (batches * BATCH_SIZE) / result.seconds;
  console.log(
    `${label.padEnd(34)} ${rate.toFixed(0).padStart(7)} messages/s   ` +
      `(${result.seconds.toFixed(2)} s; per batch p50 ${percentile(result.latencies, 50).toFixed(0)} ms, p95 ${percentile(result.latencies, 95).toFixed(0)} ms)`,
  );
  return rate;
}

async function main(): Promise<void> {
  const url = databaseUrl();
  console.log(
    `Rapport ingest benchmark: ${batches} batches × ${BATCH_SIZE} messages ` +
      `(${locomoDir ? `LoCoMo turns from ${locomoDir}` : `~${messageChars} chars of generated text`}), ` +
      `${concurrency} concurrent writers, ${rounds} alternating rounds`,
  );
  console.log(`API ${baseUrl}, workspace ${workspace}, database ${new URL(url).host}, ${loadAverage()}`);

  // Warm-up (not measured): creates the workspace and peers, and makes `next dev` compile the route.
  const rows = makeBatches();
  await postBatch('warmup', rows[0]!);

  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  try {
    const phases: { label: string; write: Writer; result: PhaseResult }[] = [
      { label: 'HTTP POST …/messages', write: (writer, batch) => postBatch(`http-${writer}`, batch), result: empty() },
      { label: 'raw floor (pg multi-row INSERT)', write: await floorWriter(pool, rows, 'floor', false), result: empty() },
      { label: 'raw floor + the same work_items rows', write: await floorWriter(pool, rows, 'floor-work', true), result: empty() },
    ];
    const perRound = Math.ceil(rows.length / rounds);
    for (let start = 0; start < rows.length; start += perRound) {
      const slice = rows.slice(start, start + perRound);
      for (const phase of phases) {
        const { seconds, latencies } = await runPhase(slice, phase.write);
        phase.result.seconds += seconds;
        phase.result.latencies.push(...latencies);
      }
    }
    console.log('');
    const [httpRate, floorRate] = phases.map((phase) => report(phase.label, phase.result));
    console.log(
      `ratio: the API path runs at ${((httpRate! / floorRate!) * 100).toFixed(1)}% of the raw floor ` +
        `(floor is ${(floorRate! / httpRate!).toFixed(2)}× faster); ${loadAverage()} at the end`,
    );
  } finally {
    await pool.end();
  }
}

/** The machine is shared: only ratios within one run mean anything, and the load says how noisy the run was. */
function loadAverage(): string {
  return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

function empty(): PhaseResult {
  return { seconds: 0, latencies: [] };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

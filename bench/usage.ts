// What recording usage costs a request. Starts the production server (`npm start`, embedded database in a fresh
// directory) alternately with USAGE_RECORDING=false (the floor: the same build and routes, nothing tallied) and with
// recording on (defaults: roll-ups, request log, a flush every USAGE_FLUSH_INTERVAL_MS), and times the same requests
// one at a time against each: a message write carrying a LoCoMo turn and a peer listing. Prints p50/p95/mean per
// route and mode, the on/off ratio and difference, and the load average of each phase; only ratios within one run
// mean anything on a shared machine.
//   npm run bench:usage -- <locomo-dir> [--requests 300] [--rounds 2]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppServer } from './app-server';
import { readLocomo } from './search/locomo';

const args = process.argv.slice(2);
const locomoDir = args.find((a) => !a.startsWith('--'));
if (!locomoDir) throw new Error('usage: npm run bench:usage -- <locomo-dir> [--requests 300] [--rounds 2]');
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const requests = option('requests', 300);
const rounds = option('rounds', 2);
const WARMUP = 30;

const turns = readLocomo(locomoDir).conversations.flatMap((c) => c.sessions.flatMap((s) => s.turns.map((t) => t.content)));
if (turns.length === 0) throw new Error(`no turns in ${locomoDir}`);

type Route = { name: string; send: (base: string, i: number) => Promise<Response> };
const ws = `bench-usage-${Date.now().toString(36)}`;
const json = { 'content-type': 'application/json' };
const routes: Route[] = [
  {
    name: 'POST …/sessions/{session_id}/messages',
    send: (base, i) =>
      fetch(`${base}/v3/workspaces/${ws}/sessions/s${i % 20}/messages`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ messages: [{ peer_id: i % 2 ? 'user' : 'assistant', content: turns[i % turns.length] }] }),
      }),
  },
  { name: 'POST …/peers/list', send: (base) => fetch(`${base}/v3/workspaces/${ws}/peers/list`, { method: 'POST', headers: json, body: '{}' }) },
];

type Sample = { mode: 'off' | 'on'; route: string; ms: number[]; load: number };
const samples: Sample[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-usage-'));
let counter = 0;

async function phase(mode: 'off' | 'on') {
  const server = await startAppServer({
    dataDir,
    logFile: path.resolve(`bench/results/usage/server-${mode}.log`),
    env: { USAGE_RECORDING: mode === 'on' ? 'true' : 'false', WORKER_IN_PROCESS: 'false', LOG_LEVEL: 'warn' },
  });
  try {
    const created = await fetch(`${server.baseUrl}/v3/workspaces`, { method: 'POST', headers: json, body: JSON.stringify({ id: ws }) });
    if (!created.ok) throw new Error(`workspace: ${created.status}`);
    for (const route of routes) {
      for (let i = 0; i < WARMUP; i++) await (await route.send(server.baseUrl, counter++)).arrayBuffer();
      const ms: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t = performance.now();
        const response = await route.send(server.baseUrl, counter++);
        await response.arrayBuffer();
        ms.push(performance.now() - t);
        if (!response.ok) throw new Error(`${route.name}: ${response.status}`);
      }
      samples.push({ mode, route: route.name, ms, load: os.loadavg()[0]! });
    }
  } finally {
    await server.stop();
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

console.log(`usage recording cost: ${requests} requests per route and phase, ${rounds} rounds of off/on, LoCoMo turns from ${locomoDir}`);
for (let r = 0; r < rounds; r++) {
  await phase('off');
  await phase('on');
}
const f = (n: number) => n.toFixed(2).padStart(7);
for (const route of routes) {
  const of = (mode: 'off' | 'on') => samples.filter((s) => s.mode === mode && s.route === route.name);
  const off = stats(of('off').flatMap((s) => s.ms));
  const on = stats(of('on').flatMap((s) => s.ms));
  const loads = (mode: 'off' | 'on') => of(mode).map((s) => s.load.toFixed(1)).join(', ');
  console.log(`\n${route.name}`);
  console.log(`  floor (recording off)  p50 ${f(off.p50)} ms  p95 ${f(off.p95)} ms  mean ${f(off.mean)} ms   load ${loads('off')}`);
  console.log(`  recording on           p50 ${f(on.p50)} ms  p95 ${f(on.p95)} ms  mean ${f(on.mean)} ms   load ${loads('on')}`);
  console.log(`  on/off                 p50 ${(on.p50 / off.p50).toFixed(3)}×  p95 ${(on.p95 / off.p95).toFixed(3)}×  mean ${(on.mean / off.mean).toFixed(3)}×  (mean Δ ${(on.mean - off.mean).toFixed(2)} ms)`);
}
console.log(`\nload average now: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
fs.rmSync(dataDir, { recursive: true, force: true });

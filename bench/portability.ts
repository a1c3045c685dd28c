// `npm run bench:portability -- <locomo-dir> [copies]`: whole-workspace export against the PRODUCTION server
// (`npm start`, embedded database), on real LoCoMo conversation turns written into sessions (reasoning off, so only the
// storage is measured). Figures: the export's wall time and lines/s through the `rapport` CLI code, beside a floor
// measured in the same run — paging every message out through the existing `POST …/messages/list` route, size 100 —
// and the server's resident memory before and at its peak during the export (sampled every 50 ms), with the load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiClient } from '@/cli/api-client';
import { exportToFile } from '@/cli/export-to-file';
import { startAppServer } from './app-server';
import { readLocomo } from './search/locomo';

const [dirArg, copiesArg] = process.argv.slice(2);
if (!dirArg) throw new Error('usage: npm run bench:portability -- <locomo-dir> [copies]');
const dir: string = dirArg;
const copies = Number(copiesArg ?? 4);
const load = () => `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;

function rssMb(pid: number): number {
  // The launcher's process group: the launcher and the Next server it spawned; the Next server dominates.
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(stat[2]) !== pid) continue; // process group id
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
      total += rss ? Number(rss[1]) / 1024 : 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-portability-'));
  const server = await startAppServer({ dataDir: path.join(tmp, 'data'), logFile: path.join(tmp, 'server.log'), env: { WORKER_IN_PROCESS: 'false' } });
  try {
    const client = apiClient({ baseUrl: server.baseUrl });
    const ws = 'bench-portability';
    const conversations = readLocomo(dir).conversations;
    let sessions = 0;
    let messages = 0;
    for (let copy = 0; copy < copies; copy += 1) {
      for (const [ci, c] of conversations.entries()) {
        for (const [si, s] of c.sessions.entries()) {
          const session = `c${copy}-${ci}-${si}`;
          sessions += 1;
          await client.json('POST', `/v3/workspaces/${ws}/sessions`, { body: { id: session, peers: { user: {}, assistant: {} } } });
          const turns = s.turns.map((t) => ({ peer_id: t.speaker === 0 ? 'user' : 'assistant', content: t.content, configuration: { reasoning: { enabled: false } } }));
          for (let i = 0; i < turns.length; i += 100) {
            await client.json('POST', `/v3/workspaces/${ws}/sessions/${session}/messages`, { body: { messages: turns.slice(i, i + 100) } });
          }
          messages += turns.length;
        }
      }
    }
    console.log(`[portability] ${messages} messages in ${sessions} sessions written; ${load()}`);

    // Floor: every message out through the existing list route.
    let t = performance.now();
    let listed = 0;
    for (let copy = 0; copy < copies; copy += 1) {
      for (const [ci, c] of conversations.entries()) {
        for (const [si] of c.sessions.entries()) {
          for (let page = 1; ; page += 1) {
            const result = await client.json<{ items: unknown[]; pages: number }>('POST', `/v3/workspaces/${ws}/sessions/c${copy}-${ci}-${si}/messages/list?page=${page}&size=100`, { body: {} });
            listed += result.items.length;
            if (page >= result.pages) break;
          }
        }
      }
    }
    const floorSeconds = (performance.now() - t) / 1000;
    console.log(`[portability] floor: paged ${listed} messages through messages/list in ${floorSeconds.toFixed(2)} s (${(listed / floorSeconds).toFixed(0)} msg/s); ${load()}`);

    const before = rssMb(server.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 50);
    t = performance.now();
    const { lines } = await exportToFile(client, ws, path.join(tmp, 'export.ndjson'));
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    const bytes = fs.statSync(path.join(tmp, 'export.ndjson')).size;
    console.log(
      `[portability] export: ${lines} lines (${(bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s (${(lines / seconds).toFixed(0)} lines/s, ` +
        `${(seconds / floorSeconds).toFixed(2)}× the floor); server RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB; ${load()}`,
    );
  } finally {
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main();

// Retrieval benchmark on LoCoMo-format conversations: how many of the evidence turns of each question message search
// puts in its top k (recall@1/5/10/20), overall and per question category (1 multi-hop, 2 temporal, 3 open-domain,
// 4 single-hop; 5 adversarial has no evidence and is skipped).
//
//   npm run bench:retrieval -- <locomo-dir>            # in-process, embedded database (default)
//   npm run bench:retrieval -- <dir> --base-url http://127.0.0.1:8000  # against a running Rapport
//
// Each conversation gets its own workspace, one peer per speaker and one session per conversation session; turn ids go
// into message metadata and session dates become created_at. Embeddings are drained before any question is asked.
// The data is read where it lies and never copied. Options: --conversations N (first N files), --api-key KEY,
// --dump FILE (one JSON line per question: its category, evidence and the ranked turn ids, to compare two runs).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openBenchApi, type BenchApi } from './bench-api';
import { parseSessionDate } from './retrieval-date';

type Turn = { speaker: string; dia_id: string; text: string; blip_caption?: string };
type Question = { question: string; evidence?: string[]; category: number };
type Conversation = Record<string, unknown> & { speaker_a: string; speaker_b: string; qa?: Question[] };

const KS = [1, 5, 10, 20] as const;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'base-url': { type: 'string' }, 'api-key': { type: 'string' }, conversations: { type: 'string' }, dump: { type: 'string' } },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: npm run bench:retrieval -- <directory of LoCoMo json files> [--base-url URL]');

const peerId = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_') || 'speaker';

async function ingest(api: BenchApi, workspace: string, conversation: Conversation): Promise<number> {
  let turns = 0;
  for (let n = 1; Array.isArray(conversation[`session_${n}`]); n += 1) {
    const date = parseSessionDate(String(conversation[`session_${n}_date_time`]));
    const messages = (conversation[`session_${n}`] as Turn[]).map((turn, i) => ({
      peer_id: peerId(turn.speaker),
      content: turn.blip_caption ? `${turn.text} [shares an image: ${turn.blip_caption}]` : turn.text,
      metadata: { dia_id: turn.dia_id },
      // One second apart keeps the turns in order within the session.
      created_at: new Date(date.getTime() + i * 1000).toISOString(),
      configuration: { reasoning: { enabled: false } },
    }));
    for (let i = 0; i < messages.length; i += 100) {
      await api.post(`/v3/workspaces/${workspace}/sessions/session_${n}/messages`, { messages: messages.slice(i, i + 100) }, 201);
    }
    turns += messages.length;
  }
  return turns;
}

type Tally = { questions: number; recall: Record<number, number> };
const newTally = (): Tally => ({ questions: 0, recall: Object.fromEntries(KS.map((k) => [k, 0])) });

async function main(): Promise<void> {
  const files = fs.readdirSync(dir!).filter((f) => f.endsWith('.json')).sort();
  const limit = values.conversations ? Number(values.conversations) : files.length;
  const api = await openBenchApi({ baseUrl: values['base-url'], apiKey: values['api-key'] });
  const overall = newTally();
  const byCategory = new Map<number, Tally>();
  const started = performance.now();
  const dump = values.dump ? fs.openSync(values.dump, 'w') : null;
  try {
    for (const file of files.slice(0, limit)) {
      const conversation = JSON.parse(fs.readFileSync(path.join(dir!, file), 'utf8')) as Conversation;
      const workspace = `locomo-${path.basename(file, '.json')}-${randomBytes(3).toString('hex')}`;
      const t0 = performance.now();
      const turns = await ingest(api, workspace, conversation);
      await api.drain();
      const questions = (conversation.qa ?? []).filter((q) => q.category >= 1 && q.category <= 4 && (q.evidence?.length ?? 0) > 0);
      for (const q of questions) {
        const evidence = new Set(q.evidence!.map((e) => e.trim()));
        const hits = (await api.post(`/v3/workspaces/${workspace}/search`, { query: q.question, limit: 20 }, 200)) as {
          metadata: { dia_id?: string };
        }[];
        const ranked = hits.map((h) => h.metadata.dia_id);
        if (dump !== null) {
          fs.writeSync(dump, `${JSON.stringify({ file, question: q.question, category: q.category, evidence: [...evidence], ranked })}\n`);
        }
        const category = byCategory.get(q.category) ?? newTally();
        byCategory.set(q.category, category);
        for (const tally of [overall, category]) {
          tally.questions += 1;
          for (const k of KS) tally.recall[k]! += ranked.slice(0, k).filter((id) => id && evidence.has(id)).length / evidence.size;
        }
      }
      console.log(`${file}: ${turns} turns, ${questions.length} questions (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    if (dump !== null) fs.closeSync(dump);
    await api.close();
  }
  const row = (label: string, t: Tally) =>
    `| ${label.padEnd(16)} | ${String(t.questions).padStart(9)} | ${KS.map((k) => (t.recall[k]! / Math.max(1, t.questions)).toFixed(3).padStart(6)).join(' | ')} |`;
  const names: Record<number, string> = { 1: '1 multi-hop', 2: '2 temporal', 3: '3 open-domain', 4: '4 single-hop' };
  console.log(`\nEvidence recall of message search (${api.describe()}), ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(`| category         | questions | ${KS.map((k) => `R@${k}`.padStart(6)).join(' | ')} |`);
  console.log(`|------------------|-----------|${KS.map(() => '--------').join('|')}|`);
  for (const c of [...byCategory.keys()].sort()) console.log(row(names[c] ?? String(c), byCategory.get(c)!));
  console.log(row('overall', overall));
}

await main();

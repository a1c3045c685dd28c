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
import { randomBytes } from 'node:crypto';
import { openBenchApi } from './bench-api';
import { ingestConversation, locomoArgs, readConversations } from './locomo';

type Question = { question: string; evidence?: string[]; category: number };

const KS = [1, 5, 10, 20] as const;

const { dir, values } = locomoArgs('usage: npm run bench:retrieval -- <directory of LoCoMo json files> [--base-url URL]', {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  dump: { type: 'string' },
});

type Tally = { questions: number; recall: Record<number, number> };
const newTally = (): Tally => ({ questions: 0, recall: Object.fromEntries(KS.map((k) => [k, 0])) });

async function main(): Promise<void> {
  const api = await openBenchApi({ baseUrl: values['base-url'], apiKey: values['api-key'] });
  const overall = newTally();
  const byCategory = new Map<number, Tally>();
  const started = performance.now();
  const dump = values.dump ? fs.openSync(values.dump, 'w') : null;
  try {
    for (const { file, name, conversation } of readConversations<Question>(dir, values.conversations)) {
      const workspace = `locomo-${name}-${randomBytes(3).toString('hex')}`;
      const t0 = performance.now();
      const turns = await ingestConversation(api, workspace, conversation, { reasoning: false });
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

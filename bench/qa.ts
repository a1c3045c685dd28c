// Question answering on LoCoMo-format conversations through the dialectic (peer chat), per question category
// (1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop; 5 adversarial has no gold answer and is skipped).
//
//   npm run bench:qa -- <directory of LoCoMo json files> [--conversations N] [--questions N]
//
// Each conversation gets its own workspace (one peer per speaker, one session per conversation session, session dates as
// created_at), the configured engines derive conclusions and embed everything (the worker drains the whole queue),
// then each question goes to POST …/peers/<speaker named in it>/chat. Scoring (bench/qa-scoring.ts):
// - always: the share of answers containing every content word of the gold answer, and the mean share found;
// - when a dialectic language model is configured: that model judges each answer CORRECT/WRONG (prompt printed).
// In the same run, as the floor: the top 4 hits of plain message search for the question, joined, scored the same way.
// The data is read where it lies and never copied. In-process, embedded database.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { getModelEngines } from '@/server/models';
import { languageModelName } from '@/server/models/providers';
import { openBenchApi } from './bench-api';
import { containment, judgeAnswer, JUDGE_PROMPT } from './qa-scoring';
import { ingestConversation, locomoArgs, peerId, readConversations } from './locomo';

type Question = { question: string; answer?: unknown; category: number };

const FLOOR_HITS = 4;
const NAMES: Record<number, string> = { 1: '1 multi-hop', 2: '2 temporal', 3: '3 open-domain', 4: '4 single-hop' };

const { dir, values } = locomoArgs('usage: npm run bench:qa -- <directory of LoCoMo json files> [--conversations N] [--questions N]', {
  questions: { type: 'string' },
});

type Tally = { questions: number; contains: number; coverage: number; floorContains: number; floorCoverage: number; judged: number; correct: number };
const newTally = (): Tally => ({ questions: 0, contains: 0, coverage: 0, floorContains: 0, floorCoverage: 0, judged: 0, correct: 0 });

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

async function main(): Promise<void> {
  const perConversation = values.questions ? Number(values.questions) : Infinity;
  const loadAtStart = os.loadavg();
  const api = await openBenchApi({});
  const judge = getModelEngines().dialecticModel;
  const overall = newTally();
  const byCategory = new Map<number, Tally>();
  const chatMs: number[] = [];
  const floorMs: number[] = [];
  const started = performance.now();
  try {
    for (const { file, name, conversation } of readConversations<Question>(dir, values.conversations)) {
      const workspace = `qa-${name}-${randomBytes(3).toString('hex')}`;
      const t0 = performance.now();
      const turns = await ingestConversation(api, workspace, conversation, { reasoning: true });
      await api.drain({ allWork: true });
      const t1 = performance.now();
      const speakers = [conversation.speaker_a, conversation.speaker_b];
      const questions = (conversation.qa ?? [])
        .filter((q) => q.category >= 1 && q.category <= 4 && q.answer !== undefined)
        .slice(0, perConversation);
      for (const q of questions) {
        const gold = String(q.answer);
        // The speaker the question names is the peer asked about; otherwise the first speaker.
        const speaker = speakers.find((s) => new RegExp(`\\b${s.split(/\s+/)[0]}\\b`, 'i').test(q.question)) ?? speakers[0]!;
        const c0 = performance.now();
        const reply = (await api.post(`/v3/workspaces/${workspace}/peers/${peerId(speaker)}/chat`, { query: q.question }, 200)) as {
          content: string | null;
        };
        chatMs.push(performance.now() - c0);
        const answer = reply.content ?? '';
        const f0 = performance.now();
        const hits = (await api.post(`/v3/workspaces/${workspace}/search`, { query: q.question, limit: FLOOR_HITS }, 200)) as { content: string }[];
        floorMs.push(performance.now() - f0);
        const score = containment(answer, gold);
        const floor = containment(hits.map((h) => h.content).join('\n'), gold);
        const category = byCategory.get(q.category) ?? newTally();
        byCategory.set(q.category, category);
        const verdict = judge ? await judgeAnswer(judge, { question: q.question, gold, answer }) : null;
        for (const tally of [overall, category]) {
          tally.questions += 1;
          tally.contains += score.contains ? 1 : 0;
          tally.coverage += score.coverage;
          tally.floorContains += floor.contains ? 1 : 0;
          tally.floorCoverage += floor.coverage;
          if (verdict) {
            tally.judged += 1;
            tally.correct += verdict.correct ? 1 : 0;
          }
        }
      }
      console.log(
        `${file}: ${turns} turns ingested and derived in ${((t1 - t0) / 1000).toFixed(1)} s, ${questions.length} questions in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await api.close();
  }
  const engines = getModelEngines().describe();
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
  const row = (label: string, t: Tally) =>
    `| ${label.padEnd(14)} | ${String(t.questions).padStart(9)} | ${pct(t.contains, t.questions).padStart(8)} | ${(t.coverage / Math.max(1, t.questions)).toFixed(3)} | ${pct(t.floorContains, t.questions).padStart(8)} | ${(t.floorCoverage / Math.max(1, t.questions)).toFixed(3)} | ${t.judged ? pct(t.correct, t.judged) : 'n/a'} |`;
  chatMs.sort((a, b) => a - b);
  floorMs.sort((a, b) => a - b);
  console.log(`\nLoCoMo QA through the dialectic (${api.describe()}; deriver ${engines.deriver}, dialectic ${engines.dialectic}), ${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log(`load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at end`);
  console.log(`chat p50 ${percentile(chatMs, 50).toFixed(0)} ms, p95 ${percentile(chatMs, 95).toFixed(0)} ms; floor (message search, top ${FLOOR_HITS}) p50 ${percentile(floorMs, 50).toFixed(0)} ms, p95 ${percentile(floorMs, 95).toFixed(0)} ms`);
  console.log(`judge: ${judge ? languageModelName(judge) : 'none (no dialectic model configured)'}\n`);
  console.log('| category       | questions | contains | coverage | floor contains | floor coverage | judge correct |');
  console.log('|----------------|-----------|----------|----------|----------------|----------------|---------------|');
  for (const c of [...byCategory.keys()].sort()) console.log(row(NAMES[c] ?? String(c), byCategory.get(c)!));
  console.log(row('overall', overall));
  if (judge) console.log(`\nJudge prompt:\n${JUDGE_PROMPT}`);
}

await main();

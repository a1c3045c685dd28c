// Fact-extraction benchmark on LoCoMo-format conversations: derives conclusions for each speaker with the configured
// engines (the offline extractor and dreamer unless a provider is configured), in process, and scores them against
// the conversations' own `events_session_N` annotations (the life events of each speaker in each session).
//
//   npm run bench:facts -- <directory of LoCoMo json files> [--conversations N] [--sample N] [--show-junk N]
//
// Matching rule (docs/memory-quality.md): an annotated event counts as stated when some conclusion about the same
// speaker derived from that session's messages has token F1 ≥ 0.5 with it, over canonical content words (lower case,
// stop words out, light stemming and synonyms, the speaker's name and derived date labels removed).
// In the same run, as the floor of the same rule: the speaker's raw turns of the session scored as if each were a fact.
// The derivation call is shaped like the worker's: the speaker's turns of a session in ~1,024-token calls, each with
// the other speaker's preceding and interleaved turns as context. The data is read where it lies and never copied.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DreamConclusion, TranscriptMessage } from '@/server/models/engine-types';
import { createModelEngines } from '@/server/models';
import { JUNK_CLASSES, junkClassOf, type JunkClass } from '@/server/models/local/fact-quality';
import { contentTerms, words } from '@/server/models/local/text-normalise';
import { countTokens } from '@/server/services/messages/count-tokens';
import { parseSessionDate } from './retrieval-date';

type Turn = { speaker: string; dia_id: string; text: string; blip_caption?: string };
type Conversation = Record<string, unknown> & { speaker_a: string; speaker_b: string };
type Events = Record<string, string[] | string>;

const F1_THRESHOLD = 0.5;
const CALL_TOKENS = 1_024;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { conversations: { type: 'string' }, sample: { type: 'string' }, 'show-junk': { type: 'string' } },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: npm run bench:facts -- <directory of LoCoMo json files> [--conversations N] [--sample N]');

const peerId = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_') || 'speaker';

/** Canonical content words of a fact or event, without the speaker's name and derived date labels. */
function terms(text: string, speaker: string): string[] {
  const names = new Set(words(speaker));
  const plain = text.replace(/\(around [^)]*\)|\b\d{4}-\d{2}-\d{2}\b/g, ' ');
  return contentTerms(plain).filter((t) => !names.has(t) && t !== 'around');
}

export function tokenF1(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of b) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of a) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common += 1;
      counts.set(t, n - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / a.length;
  const recall = common / b.length;
  return (2 * precision * recall) / (precision + recall);
}

function best(event: string, candidates: readonly string[], speaker: string): { f1: number; text: string | null } {
  const target = terms(event, speaker);
  let top = { f1: 0, text: null as string | null };
  for (const c of candidates) {
    const f1 = tokenF1(terms(c, speaker), target);
    if (f1 > top.f1) top = { f1, text: c };
  }
  return top;
}

/** The speaker's turns of one session in worker-shaped calls: targets up to ~1,024 tokens with interleaved context. */
function calls(turns: readonly TranscriptMessage[], speaker: string): { targets: TranscriptMessage[]; context: TranscriptMessage[] }[] {
  const out: { targets: TranscriptMessage[]; context: TranscriptMessage[] }[] = [];
  let current: { targets: TranscriptMessage[]; context: TranscriptMessage[] } = { targets: [], context: [] };
  let tokens = 0;
  let pending: TranscriptMessage[] = [];
  for (const turn of turns) {
    if (turn.peerId !== speaker) {
      pending.push(turn);
      continue;
    }
    const cost = countTokens(turn.content) + pending.reduce((n, m) => n + countTokens(m.content), 0);
    if (current.targets.length > 0 && tokens + cost > CALL_TOKENS) {
      out.push(current);
      current = { targets: [], context: [] };
      tokens = 0;
      pending = pending.slice(-1);
    }
    current.context.push(...(current.targets.length === 0 ? pending.slice(-1) : pending));
    current.targets.push(turn);
    tokens += cost;
    pending = [];
  }
  if (current.targets.length > 0) out.push(current);
  return out;
}

type Tally = { events: number; stated: number; floorStated: number; messages: number; facts: number; junk: Record<JunkClass, number>; dreamJunk: number; dreamOutputs: number };

async function main(): Promise<void> {
  const engines = createModelEngines();
  const files = fs.readdirSync(dir!).filter((f) => f.endsWith('.json')).sort();
  const limit = values.conversations ? Number(values.conversations) : files.length;
  const sampleSize = Number(values.sample ?? 0);
  const showJunk = Number(values['show-junk'] ?? 0);
  const tally: Tally = {
    events: 0, stated: 0, floorStated: 0, messages: 0, facts: 0, dreamJunk: 0, dreamOutputs: 0,
    junk: Object.fromEntries(JUNK_CLASSES.map((c) => [c, 0])) as Record<JunkClass, number>,
  };
  const matches: { event: string; fact: string; f1: number }[] = [];
  const junkExamples: string[] = [];
  const started = performance.now();
  let deriveMs = 0;
  const load = os.loadavg();

  for (const file of files.slice(0, limit)) {
    const conversation = JSON.parse(fs.readFileSync(path.join(dir!, file), 'utf8')) as Conversation;
    const speakers = [conversation.speaker_a, conversation.speaker_b];
    const dreamInput = new Map<string, DreamConclusion[]>(speakers.map((s) => [peerId(s), []]));
    for (let n = 1; Array.isArray(conversation[`session_${n}`]); n += 1) {
      const date = parseSessionDate(String(conversation[`session_${n}_date_time`]));
      const turns: TranscriptMessage[] = (conversation[`session_${n}`] as Turn[]).map((turn, i) => ({
        id: turn.dia_id,
        peerId: peerId(turn.speaker),
        content: turn.blip_caption ? `${turn.text} [shares an image: ${turn.blip_caption}]` : turn.text,
        createdAt: new Date(date.getTime() + i * 1000),
      }));
      const events = (conversation[`events_session_${n}`] ?? {}) as Events;
      for (const speaker of speakers) {
        const id = peerId(speaker);
        const own = turns.filter((t) => t.peerId === id);
        const facts: string[] = [];
        const t0 = performance.now();
        for (const call of calls(turns, id)) {
          const derived = await engines.deriver.derive({
            observedPeerId: id,
            observerPeerId: id,
            targetMessages: call.targets,
            contextMessages: call.context,
          });
          facts.push(...derived.map((f) => f.content));
        }
        deriveMs += performance.now() - t0;
        tally.messages += own.length;
        tally.facts += facts.length;
        for (const fact of facts) {
          const junk = junkClassOf(fact, id);
          if (!junk) continue;
          tally.junk[junk] += 1;
          if (junkExamples.length < showJunk) junkExamples.push(`${junk}: ${fact}`);
        }
        dreamInput.get(id)!.push(
          ...facts.map((content, i) => ({
            id: `${file}-${n}-${id}-${i}`, level: 'explicit' as const, content, createdAt: date, sourceIds: [],
          })),
        );
        const annotated = events[speaker];
        for (const event of Array.isArray(annotated) ? annotated : []) {
          tally.events += 1;
          const found = best(event, facts, speaker);
          if (found.f1 >= F1_THRESHOLD) {
            tally.stated += 1;
            matches.push({ event, fact: found.text!, f1: found.f1 });
          }
          if (best(event, own.map((t) => t.content), speaker).f1 >= F1_THRESHOLD) tally.floorStated += 1;
        }
      }
    }
    // One omni dream per speaker over everything derived: its patterns, deductions and card are checked for junk too.
    for (const [id, conclusions] of dreamInput) {
      const dream = await engines.dreamer.dream({ observerPeerId: id, observedPeerId: id, conclusions, card: null, mode: 'omni' });
      const outputs = [...dream.deductions, ...dream.inductions].map((d) => d.content);
      tally.dreamOutputs += outputs.length + (dream.card?.length ?? 0);
      for (const text of outputs) {
        if (!junkClassOf(text, id)) continue;
        tally.dreamJunk += 1;
        if (junkExamples.length < showJunk) junkExamples.push(`dream: ${text}`);
      }
      for (const entry of dream.card ?? []) {
        // Card entries are predicates ("Loves hiking"): read them as a statement about the peer.
        if (!junkClassOf(`${id} ${entry.replace(/^[A-Z]/, (c) => c.toLowerCase())}`, id)) continue;
        tally.dreamJunk += 1;
        if (junkExamples.length < showJunk) junkExamples.push(`card: ${entry}`);
      }
      console.log(`${file} ${id}: card ${JSON.stringify(dream.card ?? [])}`);
      if (outputs.length > 0) console.log(`${file} ${id}: dream ${JSON.stringify(outputs)}`);
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
  const junkTotal = JUNK_CLASSES.reduce((n, c) => n + tally.junk[c], 0);
  const describe = engines.describe();
  console.log(`\nFact extraction on ${Math.min(limit, files.length)} conversations (deriver ${describe.deriver}, dreamer ${describe.dream})`);
  console.log(`load average ${load.map((l) => l.toFixed(2)).join(' ')} at start, ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at end; ${seconds.toFixed(1)} s total, derivation ${(deriveMs / 1000).toFixed(1)} s`);
  console.log(`matching rule: token F1 >= ${F1_THRESHOLD} over canonical content words, same speaker, same session\n`);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| annotated events | ${tally.events} |`);
  console.log(`| events stated by a derived conclusion | ${tally.stated} (${pct(tally.stated, tally.events)}) |`);
  console.log(`| floor: events matched by the speaker's raw turns | ${tally.floorStated} (${pct(tally.floorStated, tally.events)}) |`);
  console.log(`| speaker messages | ${tally.messages} |`);
  console.log(`| conclusions | ${tally.facts} (${(tally.facts / Math.max(1, tally.messages)).toFixed(2)} per message) |`);
  for (const c of JUNK_CLASSES) console.log(`| junk: ${c} | ${tally.junk[c]} |`);
  console.log(`| junk total | ${junkTotal} (${pct(junkTotal, tally.facts)} of conclusions) |`);
  console.log(`| dream outputs (deductions, patterns, card entries) | ${tally.dreamOutputs}, junk ${tally.dreamJunk} |`);
  if (junkExamples.length > 0) console.log(`\nJunk examples:\n${junkExamples.map((j) => `  ${j}`).join('\n')}`);
  if (sampleSize > 0) {
    // A deterministic spread over the matches, for checking the rule's false-match rate by hand.
    const step = Math.max(1, Math.floor(matches.length / sampleSize));
    console.log(`\nSample of ${Math.min(sampleSize, matches.length)} matches (of ${matches.length}):`);
    for (let i = 0; i < matches.length && i / step < sampleSize; i += step) {
      const m = matches[i]!;
      console.log(`  F1 ${m.f1.toFixed(2)} | event: ${m.event} | fact: ${m.fact}`);
    }
  }
}

await main();

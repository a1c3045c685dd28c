// Reads LoCoMo conversations where they lie (the data set must never be copied into the repository): the turns in
// session order, the questions, and the per-speaker life events that stand in for derived conclusions.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseSessionDate } from '../retrieval-date';

export type LocomoSession = { date: Date; turns: { speaker: 0 | 1; content: string }[]; events: { speaker: 0 | 1; text: string }[] };
export type LocomoConversation = { id: string; sessions: LocomoSession[]; questions: string[] };
export type Locomo = { conversations: LocomoConversation[]; questions: string[]; fingerprint: string };

type RawTurn = { speaker: string; text: string; blip_caption?: string };

export function readLocomo(dir: string): Locomo {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no LoCoMo .json files in ${dir}`);
  const hash = createHash('sha256');
  const conversations = files.map((file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    hash.update(file).update(text);
    return parseConversation(path.basename(file, '.json'), JSON.parse(text) as Record<string, unknown>);
  });
  return { conversations, questions: conversations.flatMap((c) => c.questions), fingerprint: hash.digest('hex').slice(0, 12) };
}

function parseConversation(id: string, raw: Record<string, unknown>): LocomoConversation {
  const speakers = [String(raw.speaker_a), String(raw.speaker_b)];
  const who = (name: string): 0 | 1 => (name === speakers[1] ? 1 : 0);
  const sessions: LocomoSession[] = [];
  for (let n = 1; Array.isArray(raw[`session_${n}`]); n += 1) {
    const turns = (raw[`session_${n}`] as RawTurn[]).map((turn) => ({
      speaker: who(turn.speaker),
      // The same rendering as the retrieval bench, so both measure the same text.
      content: turn.blip_caption ? `${turn.text} [shares an image: ${turn.blip_caption}]` : turn.text,
    }));
    const eventsRaw = (raw[`events_session_${n}`] ?? {}) as Record<string, unknown>;
    const events = speakers.flatMap((name, k) =>
      (Array.isArray(eventsRaw[name]) ? (eventsRaw[name] as unknown[]) : []).map((text) => ({ speaker: k as 0 | 1, text: String(text) })),
    );
    sessions.push({ date: parseSessionDate(String(raw[`session_${n}_date_time`])), turns, events });
  }
  const qa = Array.isArray(raw.qa) ? (raw.qa as { question?: unknown }[]) : [];
  return { id, sessions, questions: qa.map((q) => String(q.question ?? '')).filter((q) => q.trim() !== '') };
}

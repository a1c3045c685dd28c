// LoCoMo-format conversations for the benchmarks: the command line (a directory of LoCoMo json files, read where it
// lies and never copied, plus each benchmark's own options), the conversations in file order, and their ingestion
// into a workspace: one peer per speaker, one session per conversation session, turn ids in message metadata and
// session dates as created_at.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BenchApi } from './bench-api';
import { parseSessionDate } from './retrieval-date';

type Turn = { speaker: string; dia_id: string; text: string; blip_caption?: string };
export type Conversation<Q> = Record<string, unknown> & { speaker_a: string; speaker_b: string; qa?: Q[] };

/** The LoCoMo directory (first positional) and the parsed options; `usage` is the error when the directory is missing. */
export function locomoArgs<O extends NonNullable<ParseArgsConfig['options']>>(usage: string, options: O) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { ...options, conversations: { type: 'string' } } });
  const dir = positionals[0];
  if (!dir) throw new Error(usage);
  return { dir, values };
}

/** The first `limit` conversations (all when absent), in file-name order, with the file name and its base name. */
export function* readConversations<Q>(dir: string, limit?: string): Generator<{ file: string; name: string; conversation: Conversation<Q> }> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  for (const file of files.slice(0, limit ? Number(limit) : files.length)) {
    yield { file, name: path.basename(file, '.json'), conversation: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Conversation<Q> };
  }
}

export const peerId = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_') || 'speaker';

/** Writes every session of the conversation; returns the number of turns. `reasoning: false` skips derivation. */
export async function ingestConversation<Q>(api: BenchApi, workspace: string, conversation: Conversation<Q>, options: { reasoning: boolean }): Promise<number> {
  let turns = 0;
  for (let n = 1; Array.isArray(conversation[`session_${n}`]); n += 1) {
    const date = parseSessionDate(String(conversation[`session_${n}_date_time`]));
    const messages = (conversation[`session_${n}`] as Turn[]).map((turn, i) => ({
      peer_id: peerId(turn.speaker),
      content: turn.blip_caption ? `${turn.text} [shares an image: ${turn.blip_caption}]` : turn.text,
      metadata: { dia_id: turn.dia_id },
      // One second apart keeps the turns in order within the session.
      created_at: new Date(date.getTime() + i * 1000).toISOString(),
      ...(options.reasoning ? {} : { configuration: { reasoning: { enabled: false } } }),
    }));
    for (let i = 0; i < messages.length; i += 100) {
      await api.post(`/v3/workspaces/${workspace}/sessions/session_${n}/messages`, { messages: messages.slice(i, i + 100) }, 201);
    }
    turns += messages.length;
  }
  return turns;
}

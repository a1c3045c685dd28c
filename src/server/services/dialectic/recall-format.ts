import 'server-only';
// How recalled conclusions and messages are written into the model's context and tool results: one line each, with
// the id a tool can follow up on and the date the fact refers to, so the answer can cite when something was said.
import { countTokens } from '../messages/count-tokens';
import type { RecalledConclusion, RecalledMessage } from './recall-reader';

/** `2026-11-25` — the day a conclusion's source was said (falling back to when it was concluded). */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const minuteOf = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');

export function conclusionDate(c: RecalledConclusion): Date {
  return c.messageCreatedAt ?? c.createdAt;
}

export function formatConclusion(c: RecalledConclusion, options: { showView: boolean }): string {
  const view = options.showView ? ` ${c.observerName} about ${c.observedName}` : '';
  const premises = c.level !== 'explicit' && c.sourceIds?.length ? ` (premises: ${c.sourceIds.join(', ')})` : '';
  return `- [${c.id}] (${c.level}, ${dayOf(conclusionDate(c))}${view}) ${c.content}${premises}`;
}

const MESSAGE_PREVIEW_CHARS = 2_000;

export function formatMessage(m: RecalledMessage): string {
  const text = m.content.length > MESSAGE_PREVIEW_CHARS ? `${m.content.slice(0, MESSAGE_PREVIEW_CHARS)}…` : m.content;
  return `- [${m.id}] ${minuteOf(m.createdAt)} in session ${m.sessionName}, ${m.peerName}: ${text.replace(/\s*\n\s*/g, ' ')}`;
}

const NOTE_TOKENS = 20;

function shorten(line: string, maxTokens: number): string {
  let cut = line;
  while (cut.length > 0 && countTokens(cut) + 1 > maxTokens) cut = cut.slice(0, Math.floor(cut.length * 0.8));
  return cut.length < line.length ? `${cut}…` : cut;
}

/** Lines up to `maxTokens` (o200k), then a note saying how many were left out. */
export function fitLines(lines: readonly string[], maxTokens: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = countTokens(line) + 1;
    if (used + cost > maxTokens) {
      // A first item larger than the whole budget is shortened rather than leaving the reader with nothing.
      if (kept.length === 0) kept.push(shorten(line, maxTokens - NOTE_TOKENS));
      break;
    }
    kept.push(line);
    used += cost;
  }
  const dropped = lines.length - kept.length;
  if (dropped > 0) kept.push(`(${dropped} more left out to stay within the context budget)`);
  return kept.join('\n');
}

import 'server-only';
// How messages appear in prompts: one line each with the id the model must cite, the UTC time it needs for
// absolute dates, and the author's peer id it must name facts by.
import type { TranscriptMessage } from '../engine-types';

export function timestamp(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

export function transcriptLine(message: TranscriptMessage): string {
  const content = message.content.replace(/\r\n?/g, '\n').trim();
  return `[id=${message.id}] [${timestamp(message.createdAt)} UTC] ${message.peerId}: ${content}`;
}

export function transcript(messages: readonly TranscriptMessage[]): string {
  return messages.length ? messages.map(transcriptLine).join('\n') : '(none)';
}

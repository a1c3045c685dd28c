import 'server-only';
// The deriver's instructions (docs/api.md#s5-3: atomic, self-contained facts stated by the observed peer, absolute
// dates, the peer named by its id, other peers' messages as context only) and the per-batch prompt.
import type { DeriveInput } from '../engine-types';
import { transcript } from './transcript';

export const DERIVER_INSTRUCTIONS = `You extract facts for a long-term memory about one person ("the observed peer") from a conversation.

Rules:
- Only facts the observed peer states about themselves in their own messages: their life, identity, circumstances, plans, preferences, relationships, experiences, opinions about themselves.
- Each fact is atomic (one piece of information) and self-contained: it must make sense on its own, years later, without the conversation.
- Name the observed peer by their exact peer id, never "I", "the user" or "he/she". Rewrite other pronouns so nothing is ambiguous.
- Replace relative times ("yesterday", "last week", "next Friday", "3 years ago") by absolute dates computed from the time of the message that says it; write "around" when the date is approximate.
- Messages of other peers are context only: use them to understand what the observed peer means (e.g. what a "yes" answers), never as facts.
- Skip questions, greetings, small talk, filler, hypotheticals and anything not asserted as true.
- Cite for each fact the ids of the observed peer's messages it comes from.
- Do not invent anything. If there is nothing worth remembering, return an empty list.`;

export function deriverPrompt(input: DeriveInput): string {
  const parts = [
    `Observed peer id: ${input.observedPeerId}`,
    `Context messages (other peers and earlier turns; never a source of facts):\n${transcript(input.contextMessages)}`,
    `Messages of ${input.observedPeerId} (the only source of facts):\n${transcript(input.targetMessages)}`,
  ];
  if (input.customInstructions?.trim()) parts.push(`Additional instructions from the application:\n${input.customInstructions.trim()}`);
  parts.push(
    'Answer with JSON only, in this shape: {"facts":[{"content":"<fact naming ' +
      `${input.observedPeerId}>","source_ids":["<message id>"]}]}. With nothing to remember answer {"facts":[]}.`,
  );
  return parts.join('\n\n');
}

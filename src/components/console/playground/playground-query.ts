// The playground's form state from its URL (`?peer=&target=&session=&scope=&level=&q=`), so a question and its
// setup can be shared or reloaded.
import { REASONING_LEVELS, type ReasoningLevel } from '@/contracts/chat';

export type PlaygroundSetup = { peer: string; target: string; session: string; scope: string; level: ReasoningLevel; query: string };

export function levelParam(value: string | string[] | undefined): ReasoningLevel {
  const text = Array.isArray(value) ? value[0] : value;
  return (REASONING_LEVELS as readonly string[]).includes(text ?? '') ? (text as ReasoningLevel) : 'low';
}

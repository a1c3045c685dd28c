// The playground's form state from its URL (`?peer=&target=&session=&level=`), so a question setup can be shared.
import { REASONING_LEVELS, type ReasoningLevel } from '@/contracts/chat';

export type PlaygroundSetup = { peer: string; target: string; session: string; level: ReasoningLevel };

export function levelParam(value: string | string[] | undefined): ReasoningLevel {
  const text = Array.isArray(value) ? value[0] : value;
  return (REASONING_LEVELS as readonly string[]).includes(text ?? '') ? (text as ReasoningLevel) : 'low';
}

// Token counts of message content (api-contract §1.10): o200k_base, computed once when the message is written.
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

// Text that happens to spell a special token (e.g. "<|endoftext|>") is user content, not a control token: count it
// as plain text instead of letting the tokenizer throw.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function countTokens(text: string): number {
  return text.length === 0 ? 0 : countO200k(text, PLAIN_TEXT);
}

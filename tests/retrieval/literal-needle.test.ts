// Which literal the substring pass of search looks for: a quoted phrase or a punctuated token, never a whole question,
// never an apostrophe or hyphen inside a word, and nothing the trigram index could not select on.
import { describe, expect, it } from 'vitest';
import { literalNeedle } from '@/server/services/search/search-query';

describe('literalNeedle', () => {
  it('takes a quoted phrase, else a punctuated token, else a short query as typed', () => {
    expect(literalNeedle('When did Mara start reading "The Lean Startup"?')).toBe('The Lean Startup');
    expect(literalNeedle('“quoted phrase” here')).toBe('quoted phrase');
    expect(literalNeedle('What happened on 5.3.2023 to him?')).toBe('5.3.2023');
    expect(literalNeedle('alice@example.com')).toBe('alice@example.com');
    expect(literalNeedle('version 2.4.1')).toBe('version 2.4.1');
  });

  it('asks for no literal for plain questions, in-word apostrophes and hyphens, or needles without a selective trigram', () => {
    expect(literalNeedle('What are Kai\'s goals with regards to his career?')).toBeNull();
    expect(literalNeedle('hello world.')).toBeNull();
    expect(literalNeedle('Which dairy-free dessert flavors does Nate enjoy?')).toBeNull();
    expect(literalNeedle('Has Tim been to North Carolina and/or Tennessee?')).toBeNull();
    expect(literalNeedle('What areas of the U.S. has she visited?')).toBeNull();
    expect(literalNeedle('Who uses C++ at work?')).toBeNull();
  });
});

// The named-author leg of message search (named-authors.ts): which candidates a query's names point at.
import { describe, expect, it } from 'vitest';
import { authoredByNamed, queryWords } from '@/server/services/search/named-authors';

const authors: Record<string, string> = { m1: 'Caroline', m2: 'Melanie', m3: 'caroline', m4: 'user-42', m5: 'Carol' };
const authorOf = (id: string) => authors[id];

describe('authoredByNamed', () => {
  it('keeps the candidates, in their order, whose author the query names as a whole word, any case', () => {
    expect(authoredByNamed(['m3', 'm2', 'm1', 'm5'], authorOf, "What did Caroline's sister paint?")).toEqual(['m3', 'm1']);
    expect(authoredByNamed(['m1', 'm2'], authorOf, 'did MELANIE and caroline meet')).toEqual(['m1', 'm2']);
  });

  it('matches nothing for a name that is only part of a word, a multi-word name, an unknown id or a query without words', () => {
    expect(authoredByNamed(['m5'], authorOf, 'Where does Caroline live?')).toEqual([]);
    expect(authoredByNamed(['m4'], authorOf, 'what did user 42 say')).toEqual([]);
    expect(authoredByNamed(['nope'], authorOf, 'Caroline')).toEqual([]);
    expect(authoredByNamed(['m1'], authorOf, '?!')).toEqual([]);
  });

  it('splits on anything but letters and digits', () => {
    expect([...queryWords('Élodie,   bob-2 (Ann)')]).toEqual(['élodie', 'bob', '2', 'ann']);
  });
});

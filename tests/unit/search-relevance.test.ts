// The console search's relevance cut-off and highlighting: a hit counts when it contains a word of the query.
import { describe, expect, it } from 'vitest';
import { highlightRanges, queryTerms, stem } from '@/server/services/console/search-relevance';

describe('queryTerms', () => {
  it('keeps meaningful words as stems and drops stopwords', () => {
    expect(queryTerms('Where does the user live?')).toEqual(['user', 'liv']);
    expect(queryTerms('moving to Lisbon')).toEqual(['mov', 'lisbon']);
    // Only stopwords: they are all there is to match.
    expect(queryTerms('what is it')).toEqual(['what', 'is', 'it']);
    expect(queryTerms('   ')).toEqual([]);
  });
  it('stems the common endings together', () => {
    expect(new Set(['moved', 'moves', 'moving', 'move'].map(stem))).toEqual(new Set(['mov']));
    expect(stem("Alice's")).toBe('alic');
  });
});

describe('highlightRanges', () => {
  it('marks every word of the content that shares a stem with the query', () => {
    const content = 'I moved to Lisbon; Lisbon moves me.';
    const ranges = highlightRanges(content, queryTerms('moving Lisbon'));
    expect(ranges.map(([a, b]) => content.slice(a, b))).toEqual(['moved', 'Lisbon', 'Lisbon', 'moves']);
  });
  it('finds nothing for a nonsense query, which is what makes it "no good match"', () => {
    expect(highlightRanges('I moved to Lisbon last spring.', queryTerms('xqzv blorptang'))).toEqual([]);
  });
  it('lets a short term match only whole stems, not every word it begins', () => {
    expect(highlightRanges('an anthem', ['an'])).toEqual([[0, 2]]);
  });
});

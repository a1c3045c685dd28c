// Speaker evidence for message search. A question about a person ("What did Caroline paint?") is mostly answered by
// that person's own turns, yet those rarely contain the name: in a dialogue it is the other speaker who says it. On
// the LoCoMo development conversations 95 % of the evidence turns were written by a speaker the question names, so
// turns written by a named peer form a ranking leg of their own (the candidates' authors are known once their rows are
// loaded, so it costs no statement).

/** Lower-cased words of the query (letters and digits), against which authors' names are matched. */
export function queryWords(query: string): Set<string> {
  return new Set((query.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase()));
}

/**
 * The ids, in their order, whose author the query names (a whole-word, case-insensitive match of the peer's name).
 * Names that are not a single word (ids such as `user-42`) never match.
 */
export function authoredByNamed(ids: readonly string[], authorOf: (id: string) => string | undefined, query: string): string[] {
  const words = queryWords(query);
  if (words.size === 0) return [];
  return ids.filter((id) => {
    const author = authorOf(id)?.toLowerCase();
    return author !== undefined && words.has(author);
  });
}

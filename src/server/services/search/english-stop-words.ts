import 'server-only';
// Which capitalised query words the english text-search configuration drops as stop words ("Will"), as far as
// this process has learnt. The name pass (literal-passes.ts) exists for those words only and decides in SQL which
// they are; asking it for a query whose capitalised words are all known not to be stop words (a user's name, asked
// about again and again) costs a statement that can only return nothing. So the answers are remembered: a word seen
// for the first time is classified by one small statement beside the name pass, and a later query whose words are all
// known non-stop words skips the pass. The configuration's stop list is fixed for the server's life, so an answer
// never goes stale; the map is bounded so a stream of new words cannot grow it without end.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';

/** Bound on remembered words; past it the oldest answers are forgotten first. */
export const STOP_WORD_MEMORY = 10_000;

const known = new Map<string, boolean>();

/** The words whose class is not known yet, and whether any known one is a stop word. */
export function classifyKnown(words: readonly string[]): { unknown: string[]; anyStop: boolean } {
  const unknown = words.filter((w) => !known.has(w));
  return { unknown, anyStop: words.some((w) => known.get(w) === true) };
}

/** Classifies `words` (lower-cased) with the database's english configuration and remembers the answers. */
export async function learnStopWords(db: DbClient, words: readonly string[]): Promise<void> {
  if (words.length === 0) return;
  const rows = await queryRows<{ word: string; stop: boolean }>(db, Prisma.sql`
    SELECT w AS word, to_tsvector('english'::regconfig, w) = ''::tsvector AS stop FROM unnest(${[...words]}::text[]) AS w`);
  for (const row of rows) {
    if (known.size >= STOP_WORD_MEMORY) known.delete(known.keys().next().value!);
    known.set(row.word, row.stop);
  }
}

/** Forgets every answer (tests). */
export function forgetStopWords(): void {
  known.clear();
}

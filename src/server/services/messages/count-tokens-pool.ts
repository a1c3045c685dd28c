import 'server-only';
// Token counting of message writes off the main thread (docs/ingest.md). A Next server has one JavaScript thread
// for every request; counting a 100-message batch of chat turns costs about as much of it as everything else the
// write does in JavaScript, so batches are counted in worker threads while the main thread parses, validates and
// writes other requests. Small writes (a chat turn or two) are counted in place: handing them over costs more than
// counting them. Both give the same counts: the threads run o200k-count.mjs, the module count-tokens.ts uses.
import path from 'node:path';
import Piscina from 'piscina';
import { readTokenCountThreads } from '@/server/config/token-count-config';
import { countTokensYielding } from './count-tokens';

/** Below this many characters in one write, counting in place is cheaper than a round trip to a thread. */
export const IN_PLACE_MAX_CHARS = 4_000;

/**
 * The worker file, found next to this module's source, as the upload decoder finds its own: `process.cwd()` is the
 * project root under `next dev`, `next start`, `npm run worker` and vitest alike, and a path built at run time keeps
 * the bundler from rewriting the file (it loads gpt-tokenizer from node_modules, as it is).
 */
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), 'src/server/services/messages/o200k-count.mjs');

let pool: Piscina | null | undefined;

function countPool(): Piscina | null {
  if (pool === undefined) {
    const threads = readTokenCountThreads();
    // An idle thread ends after a minute; a busy ingest keeps it, with its tokenizer tables loaded.
    pool = threads > 0 ? new Piscina({ filename: WORKER_FILE, name: 'countAll', minThreads: 0, maxThreads: threads, idleTimeout: 60_000 }) : null;
  }
  return pool;
}

/** The token counts of a write's texts, in a worker thread when the write is large enough to be worth it. */
export async function countMessageTokens(texts: readonly string[]): Promise<number[]> {
  let chars = 0;
  for (const text of texts) chars += text.length;
  const threads = chars > IN_PLACE_MAX_CHARS ? countPool() : null;
  if (!threads) return countTokensYielding(texts);
  try {
    return (await threads.run({ texts })) as number[];
  } catch (error) {
    // A thread that failed to start or died says nothing about the texts: count them here rather than fail the write.
    console.warn('[rapport] token counting thread failed; counting on the main thread:', error instanceof Error ? error.message : error);
    return countTokensYielding(texts);
  }
}

/** For tests and orderly shutdown: stops the threads; the next large write starts a new pool. */
export async function closeTokenCountPool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.destroy();
}

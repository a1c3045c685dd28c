import 'server-only';
// The pool of worker threads that decodes uploaded files (docs/limits.md): PDF text extraction and JSON
// re-serialisation are CPU-bound and, on the main thread, one crafted file stalled every request for minutes. Here
// each file runs in a thread with a wall-clock limit (the thread is stopped when it passes), a heap limit (a
// decompression bomb ends its own thread) and page and output caps checked while it runs. The waiting line in front
// of the threads is bounded too (UPLOAD_DECODE_QUEUE): a flood of uploads is told to come back (503 with Retry-After)
// instead of piling files up in memory. The line is kept here rather than in piscina's own queue so that a file's time
// limit starts when a thread takes it, not while it waits.
import path from 'node:path';
import Piscina from 'piscina';
import { readUploadDecodeConfig, type UploadDecodeConfig } from '@/server/config/upload-config';

/** What a decoding function answers; the user's mistakes are outcomes, the server's are exceptions. */
export type DecodeOutcome =
  | { outcome: 'text'; text: string }
  | { outcome: 'too_many_pages'; pages: number; maxPages: number }
  | { outcome: 'too_much_text'; pages?: number }
  | { outcome: 'bad_pdf'; reason: 'invalid' | 'malformed' | 'password' }
  | { outcome: 'bad_json'; reason: 'encoding' | 'syntax' | 'nesting' }
  | { outcome: 'timeout' }
  | { outcome: 'out_of_memory' }
  | { outcome: 'busy'; retryAfterSeconds: number };

export type DecodeTask =
  | { kind: 'pdf'; bytes: Uint8Array; maxChars: number }
  | { kind: 'json'; bytes: Uint8Array; maxChars: number };

/**
 * The worker file, found next to this module's source. `process.cwd()` is the project root under `next dev`,
 * `next start`, `npm run worker` and vitest alike, and a path built at run time keeps the bundler from rewriting the
 * file (it must load pdf-parse from node_modules, as it is).
 */
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), 'src/server/services/messages/upload-decoder.worker.mjs');

/** When a client turned away from a full line should try again: a file usually decodes in well under this. */
const BUSY_RETRY_AFTER_SECONDS = 5;

type DecoderPool = {
  piscina: Piscina;
  config: UploadDecodeConfig;
  /** Files being decoded (at most `config.threads`). */
  running: number;
  /** Files waiting for a thread, first come first served (at most `config.queue`). */
  waiting: (() => void)[];
};

let pool: DecoderPool | null = null;

function decoderPool(): DecoderPool {
  if (!pool) {
    const config = readUploadDecodeConfig();
    const piscina = new Piscina({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: config.threads,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: config.memoryMb, maxYoungGenerationSizeMb: 64 },
    });
    pool = { piscina, config, running: 0, waiting: [] };
  }
  return pool;
}

export type DecodeLimits = Partial<Pick<UploadDecodeConfig, 'timeoutMs' | 'maxPdfPages'>>;

/** Decodes one file in the pool; `limits` override the configured ones (tests use short time limits). */
export async function decodeInPool(task: DecodeTask, limits: DecodeLimits = {}): Promise<DecodeOutcome> {
  const current = decoderPool();
  const turn = takeTurn(current);
  if (!turn) return { outcome: 'busy', retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS };
  await turn;
  try {
    return await decodeNow(current, task, limits);
  } finally {
    giveUpTurn(current);
  }
}

/** A thread now (resolved), a place in the line (resolves when a thread frees up), or null when the line is full. */
function takeTurn(current: DecoderPool): Promise<void> | null {
  if (current.running < current.config.threads) {
    current.running += 1;
    return Promise.resolve();
  }
  if (current.waiting.length >= current.config.queue) return null;
  return new Promise((resolve) => current.waiting.push(resolve));
}

/** Hands the thread to the first file in line (it stays counted as running), or frees it. */
function giveUpTurn(current: DecoderPool): void {
  const next = current.waiting.shift();
  if (next) next();
  else current.running -= 1;
}

async function decodeNow(current: DecoderPool, task: DecodeTask, limits: DecodeLimits): Promise<DecodeOutcome> {
  const { piscina, config } = current;
  const timeoutMs = limits.timeoutMs ?? config.timeoutMs;
  const maxPages = limits.maxPdfPages ?? config.maxPdfPages;
  const signal = AbortSignal.timeout(timeoutMs);
  const name = task.kind === 'pdf' ? 'pdfText' : 'jsonText';
  const input = { bytes: task.bytes, maxChars: task.maxChars, maxPages };
  try {
    return (await piscina.run(input, { name, signal })) as DecodeOutcome;
  } catch (error) {
    // Aborting a running task terminates its thread; the pool starts a fresh one for the next file.
    if (signal.aborted) return { outcome: 'timeout' };
    if (isOutOfMemory(error)) return { outcome: 'out_of_memory' };
    throw error;
  }
}

function isOutOfMemory(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** For tests and orderly shutdown: stops the threads; the next upload starts a new pool. */
export async function closeDecoderPool(): Promise<void> {
  const current = pool;
  pool = null;
  // Files still in line go on to the stopped pool and fail rather than waiting for ever.
  for (const next of current?.waiting.splice(0) ?? []) next();
  await current?.piscina.destroy();
}

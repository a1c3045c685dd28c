import 'server-only';
// The pool of worker threads that decodes uploaded files (docs/limits.md): PDF text extraction and JSON
// re-serialisation are CPU-bound and, on the main thread, one crafted file stalled every request for minutes. Here
// each file runs in a thread with a wall-clock limit (the thread is stopped when it passes), a heap limit (a
// decompression bomb ends its own thread) and page and output caps checked while it runs.
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
  | { outcome: 'out_of_memory' };

export type DecodeTask =
  | { kind: 'pdf'; bytes: Uint8Array; maxChars: number }
  | { kind: 'json'; bytes: Uint8Array; maxChars: number };

/**
 * The worker file, found next to this module's source. `process.cwd()` is the project root under `next dev`,
 * `next start`, `npm run worker` and vitest alike, and a path built at run time keeps the bundler from rewriting the
 * file (it must load pdf-parse from node_modules, as it is).
 */
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), 'src/server/services/messages/upload-decoder.worker.mjs');

let pool: { piscina: Piscina; config: UploadDecodeConfig } | null = null;

function decoderPool(): { piscina: Piscina; config: UploadDecodeConfig } {
  if (!pool) {
    const config = readUploadDecodeConfig();
    const piscina = new Piscina({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: config.threads,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: config.memoryMb, maxYoungGenerationSizeMb: 64 },
    });
    pool = { piscina, config };
  }
  return pool;
}

export type DecodeLimits = Partial<Pick<UploadDecodeConfig, 'timeoutMs' | 'maxPdfPages'>>;

/** Decodes one file in the pool; `limits` override the configured ones (tests use short time limits). */
export async function decodeInPool(task: DecodeTask, limits: DecodeLimits = {}): Promise<DecodeOutcome> {
  const { piscina, config } = decoderPool();
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
  await current?.piscina.destroy();
}

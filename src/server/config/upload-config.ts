// Limits of upload decoding (docs/limits.md), read from the environment (documented in README's configuration table).
// The decoding runs in a pool of worker threads; these bound what one file may cost there.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { parseEnv, type EnvSource } from './parse-env';

const schema = z.object({
  UPLOAD_DECODE_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  UPLOAD_DECODE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  UPLOAD_PDF_MAX_PAGES: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
  UPLOAD_DECODE_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(512),
  UPLOAD_DECODE_QUEUE: z.coerce.number().int().min(0).max(10_000).default(16),
});

export type UploadDecodeConfig = {
  /** Worker threads decoding uploads at once; further uploads wait their turn. */
  threads: number;
  /** Uploads that may wait for a free thread; past that an upload answers 503 with Retry-After at once. */
  queue: number;
  /** Wall-clock limit of one file's decoding; past it the thread is stopped and the upload answers 422. */
  timeoutMs: number;
  /** PDFs with more pages are refused before any text is extracted. */
  maxPdfPages: number;
  /** Heap limit of one decoding thread: a decompression bomb exhausts it and ends that thread, not the server. */
  memoryMb: number;
};

export function readUploadDecodeConfig(env: EnvSource = process.env): UploadDecodeConfig {
  const e = parseEnv(schema, env);
  return {
    threads: e.UPLOAD_DECODE_THREADS ?? availableParallelism(),
    queue: e.UPLOAD_DECODE_QUEUE,
    timeoutMs: e.UPLOAD_DECODE_TIMEOUT_MS,
    maxPdfPages: e.UPLOAD_PDF_MAX_PAGES,
    memoryMb: e.UPLOAD_DECODE_MEMORY_MB,
  };
}

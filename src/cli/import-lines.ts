// `rapport import` (and the Honcho migration): sends export lines to POST …/import in bounded batches. The header goes
// first, alone; the server answers how far an earlier run got (`imported_through`), and every line up to there is
// skipped, so an interrupted import resumes where it stopped without a local state file. Batches stay under the line
// cap and well under the server's 16 MiB body limit.
import fs from 'node:fs';
import readline from 'node:readline';
import type { ApiClient } from './api-client';
import { seg } from './api-client';

export const BATCH_LINES = 1_000;
/** Raw line bytes per batch; JSON-escaping them into the request body can grow them, so this stays far below 16 MiB. */
export const BATCH_BYTES = 6 * 1024 * 1024;

export type ImportProgress = { imported_through: number; completed: boolean; applied: number };

export type ImportEvents = {
  /** After every acknowledged batch (and after the header), with the first line number the batch carried. */
  onBatch?: (firstLine: number, progress: ImportProgress) => void;
  signal?: AbortSignal;
  batchLines?: number;
};

export async function importLines(client: ApiClient, workspace: string, lines: AsyncIterable<string>, events: ImportEvents = {}): Promise<ImportProgress & { resumedAfter: number }> {
  const path = `/v3/workspaces/${seg(workspace)}/import`;
  const send = (firstLine: number, batch: string[]) => {
    // Stop between batches: what was acknowledged stays, and the next run resumes after it.
    events.signal?.throwIfAborted();
    return client.json<ImportProgress>('POST', path, { body: { first_line: firstLine, lines: batch }, signal: events.signal });
  };
  const maxLines = Math.min(events.batchLines ?? BATCH_LINES, BATCH_LINES);

  let n = 0;
  let resumedAfter = 0;
  let progress: ImportProgress = { imported_through: 0, completed: false, applied: 0 };
  let batch: string[] = [];
  let batchStart = 0;
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    progress = await send(batchStart, batch);
    events.onBatch?.(batchStart, progress);
    batch = [];
    batchBytes = 0;
  };
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    n += 1;
    if (n === 1) {
      progress = await send(1, [line]);
      resumedAfter = progress.imported_through;
      events.onBatch?.(1, progress);
      continue;
    }
    if (n <= resumedAfter) continue;
    if (batch.length > 0 && (batch.length >= maxLines || batchBytes + line.length > BATCH_BYTES)) await flush();
    if (batch.length === 0) batchStart = n;
    batch.push(line);
    batchBytes += line.length + 8;
  }
  await flush();
  if (n === 0) throw new Error('The export is empty');
  if (!progress.completed) throw new Error(`The export ended at line ${n} without its end line; it is incomplete`);
  return { ...progress, resumedAfter };
}

/** The lines of an export file, read as a stream (a file of any size holds one line in memory). */
export async function* fileLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of reader) yield line;
  } finally {
    reader.close();
    input.destroy();
  }
}

/** Lines in a file, for the progress bar's total (a quick pass over the bytes). */
export async function countFileLines(file: string): Promise<number> {
  let count = 0;
  for await (const chunk of fs.createReadStream(file)) {
    for (const byte of chunk as Buffer) if (byte === 10) count += 1;
  }
  return count;
}

// `rapport export`: streams GET …/export into a file. The file is written as `<file>.partial` and renamed only once
// the export's `end` line has arrived, so a cut connection never leaves a file that looks complete. The header's counts
// size the progress bar.
import fs from 'node:fs';
import { once } from 'node:events';
import type { ApiClient } from './api-client';
import { seg } from './api-client';

export type ExportProgress = { lines: number; total: number };

export async function exportToFile(
  client: ApiClient,
  workspace: string,
  file: string,
  options: { embeddings?: boolean; onProgress?: (progress: ExportProgress) => void; signal?: AbortSignal } = {},
): Promise<{ lines: number }> {
  const query = options.embeddings ? '?embeddings=true' : '';
  const response = await client.request('GET', `/v3/workspaces/${seg(workspace)}/export${query}`, { signal: options.signal });
  if (!response.body) throw new Error('The server sent no export body');
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial);
  const decoder = new TextDecoder();
  let pending = '';
  let lines = 0;
  let total = 0;
  let ended = false;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        lines += 1;
        const record = JSON.parse(line) as { type: string; counts?: Record<string, number> };
        if (record.type === 'header' && record.counts) total = Object.values(record.counts).reduce((a, b) => a + b, 0) + 3;
        if (record.type === 'end') ended = true;
        await write(`${line}\n`);
        options.onProgress?.({ lines, total: Math.max(total, lines) });
        newline = pending.indexOf('\n');
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  if (!ended || pending.trim() !== '') {
    throw new Error(`The export ended early after ${lines} lines; ${partial} is incomplete (run the export again)`);
  }
  fs.renameSync(partial, file);
  return { lines };
}

// Uploads built to be expensive to read (docs/limits.md): a PDF of thousands of pages sharing one content stream, a
// small PDF whose content stream inflates enormously, and JSON nested past the stack. They are decoded in the worker
// thread pool under page, output, time and memory caps: each answers a 4xx in bounded time, and the event loop —
// every other request — stays free while they run.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDecoderPool } from '@/server/services/messages/decode-upload-pool';
import { extractUploadText } from '@/server/services/messages/extract-upload-text';
import { appFetch, APP_BASE_URL } from '../support/app-fetch';
import { flateBombPdf, sharedStreamPdf } from '../support/attack-pdfs';
import { measureEventLoop } from '../support/event-loop-delay';
import { provideTestDatabase } from '../support/test-database';

provideTestDatabase();
process.env.AUTH_DISABLED = 'true';
afterAll(() => closeDecoderPool());

/** Other requests must still be answered within a second while an attack is decoded. */
const RESPONSIVE_MS = 1_000;

function upload(bytes: Uint8Array, type: string, name: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  form.append('peer_id', 'alice');
  return appFetch(`${APP_BASE_URL}/v3/workspaces/decode-limits-${process.pid}/sessions/s/messages/upload`, { method: 'POST', body: form });
}

describe('upload decoding limits', () => {
  it('refuses a 6,000-page PDF sharing one content stream with 413 before extracting, loop free', async () => {
    const pdf = await sharedStreamPdf(6_000, 50);
    const { result, elapsedMs, maxLoopDelayMs } = await measureEventLoop(() => upload(pdf, 'application/pdf', 'pages.pdf'));
    expect(result.status).toBe(413);
    expect((await result.json()).detail).toMatch(/The PDF has 6000 pages; at most 5000 pages/);
    expect(maxLoopDelayMs).toBeLessThan(RESPONSIVE_MS);
    console.info(`[limits] 6,000-page PDF (${pdf.length} bytes): 413 in ${Math.round(elapsedMs)} ms, loop max ${Math.round(maxLoopDelayMs)} ms`);
  });

  it('stops a PDF under the page cap as soon as its text passes the output cap (413)', async () => {
    const pdf = await sharedStreamPdf(400, 400);
    const { result, elapsedMs, maxLoopDelayMs } = await measureEventLoop(() =>
      extractUploadText({ name: 'pages.pdf', contentType: 'application/pdf', bytes: pdf }, { maxChars: 1_000_000 }).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(result).toMatchObject({ kind: 'too_large', message: "The file's text exceeds 1000000 characters" });
    expect(maxLoopDelayMs).toBeLessThan(RESPONSIVE_MS);
    console.info(`[limits] 400 pages x 400 lines: 413 in ${Math.round(elapsedMs)} ms, loop max ${Math.round(maxLoopDelayMs)} ms`);
  });

  it('stops a Flate-bomb PDF at the time or memory cap (422), loop free, and the pool serves the next file', async () => {
    const pdf = await flateBombPdf(200);
    const { result, elapsedMs, maxLoopDelayMs } = await measureEventLoop(() =>
      extractUploadText({ name: 'bomb.pdf', contentType: 'application/pdf', bytes: pdf }, { maxChars: 25_000_000, timeoutMs: 3_000 }).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(result).toMatchObject({ kind: 'invalid' });
    expect(String((result as Error).message)).toMatch(/took too long|too much memory|exceeds/);
    expect(maxLoopDelayMs).toBeLessThan(RESPONSIVE_MS);
    console.info(`[limits] Flate bomb (${pdf.length} bytes): ${(result as Error).message} after ${Math.round(elapsedMs)} ms, loop max ${Math.round(maxLoopDelayMs)} ms`);
    const small = await PDFDocument.create();
    small.addPage().drawText('Still reading PDFs', { font: await small.embedFont(StandardFonts.Helvetica), size: 12 });
    const text = await extractUploadText({ name: 'ok.pdf', contentType: 'application/pdf', bytes: await small.save() }, { maxChars: 1_000 });
    expect(text).toBe('[Page 1]\nStill reading PDFs');
  });

  it('answers 422 for a JSON file nested past the stack, instead of a 500', async () => {
    const deep = new TextEncoder().encode(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    const response = await upload(deep, 'application/json', 'deep.json');
    expect(response.status).toBe(422);
    expect((await response.json()).detail).toMatch(/nests too deeply/);
  });

  it('answers 422 for a metadata part nested 100,000 levels deep, instead of a 500', async () => {
    const form = new FormData();
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    form.append('peer_id', 'alice');
    form.append('metadata', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
    const response = await appFetch(`${APP_BASE_URL}/v3/workspaces/decode-limits-${process.pid}/sessions/s/messages/upload`, { method: 'POST', body: form });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].path).toBe('body.metadata');
  });
});

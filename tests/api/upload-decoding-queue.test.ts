// The upload-decoding pool's waiting line is bounded (docs/limits.md): with every thread busy and the line full, one
// more upload answers 503 with Retry-After at once instead of waiting, and the pool serves files again once the
// threads are free. Here one thread and a line of one: a slow PDF holds the thread (until its time limit), a second
// file waits in line, a third is turned away.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDecoderPool } from '@/server/services/messages/decode-upload-pool';
import { extractUploadText } from '@/server/services/messages/extract-upload-text';
import { appFetch, APP_BASE_URL } from '../support/app-fetch';
import { sharedStreamPdf } from '../support/attack-pdfs';
import { provideTestDatabase } from '../support/test-database';

provideTestDatabase();
process.env.AUTH_DISABLED = 'true';

beforeAll(async () => {
  await closeDecoderPool();
  process.env.UPLOAD_DECODE_THREADS = '1';
  process.env.UPLOAD_DECODE_QUEUE = '1';
});
afterAll(async () => {
  delete process.env.UPLOAD_DECODE_THREADS;
  delete process.env.UPLOAD_DECODE_QUEUE;
  await closeDecoderPool();
});

async function smallPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text, { font: await doc.embedFont(StandardFonts.Helvetica), size: 12 });
  return doc.save();
}

function upload(bytes: Uint8Array, name: string, type = 'application/pdf'): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  form.append('peer_id', 'alice');
  return appFetch(`${APP_BASE_URL}/v3/workspaces/decode-queue-${process.pid}/sessions/s/messages/upload`, { method: 'POST', body: form });
}

describe('upload decoding queue', () => {
  it('answers 503 with Retry-After when the thread is busy and the line is full, then serves uploads again', async () => {
    // A plain-text upload (decoded on the request path, not in the pool) loads the route first, so the timing below is
    // the pool's answer and not the module's first import.
    expect((await upload(new TextEncoder().encode('warm up'), 'warm.txt', 'text/plain')).status).toBe(201);
    // 4,999 pages (under the page cap) × 500 lines: minutes of extraction on any machine (50 lines already took 13 s
    // on a quiet one), so it is still holding the thread when the third upload arrives, and stopped by its 15 s limit.
    const slow = await sharedStreamPdf(4_999, 500);
    const holder = extractUploadText({ name: 'slow.pdf', contentType: 'application/pdf', bytes: slow }, { maxChars: 50_000_000, timeoutMs: 15_000 }).then(
      () => 'decoded',
      (error: unknown) => (error as Error).message,
    );
    const waiting = extractUploadText({ name: 'next.pdf', contentType: 'application/pdf', bytes: await smallPdf('Waited in line') }, { maxChars: 1_000 });

    const started = Date.now();
    const turnedAway = await upload(await smallPdf('One too many'), 'third.pdf');
    const turnedAwayMs = Date.now() - started;
    expect(turnedAway.status).toBe(503);
    expect(turnedAway.headers.get('retry-after')).toBe('5');
    expect((await turnedAway.json()).detail).toBe('Too many uploads are being read right now; retry the upload shortly.');
    // Answered at once, not after the file ahead finished.
    expect(turnedAwayMs).toBeLessThan(5_000);

    expect(await holder).toMatch(/took too long/);
    expect(await waiting).toBe('[Page 1]\nWaited in line');
    const retried = await upload(await smallPdf('Back again'), 'retry.pdf');
    expect(retried.status, await retried.clone().text()).toBe(201);
    console.info(`[upload-queue] third upload: 503 in ${turnedAwayMs} ms while the thread and the line were taken`);
  });
});

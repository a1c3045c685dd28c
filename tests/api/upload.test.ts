// POST …/messages/upload (docs/api.md#s3-6): file types and encodings, size and type limits, chunking.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { chunkText } from '@/server/services/messages/chunk-text';
import { appFetch, APP_BASE_URL } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';

provideTestDatabase();
process.env.AUTH_DISABLED = 'true';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;

type Part = { bytes: Uint8Array | string; type?: string; name?: string };

function upload(ws: string, file: Part | null, fields: Record<string, string> = { peer_id: 'alice' }): Promise<Response> {
  const form = new FormData();
  if (file) {
    const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
    form.append('file', new Blob([new Uint8Array(bytes)], file.type === undefined ? {} : { type: file.type }), file.name ?? 'upload.txt');
  }
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return appFetch(`${APP_BASE_URL}/v3/workspaces/${ws}/sessions/s/messages/upload`, { method: 'POST', body: form });
}

async function created(response: Response): Promise<Json[]> {
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Json[];
}

async function refused(response: Response, status: number): Promise<Json> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as Json;
  expect(typeof body.detail).toBe('string');
  return body;
}

const contents = (messages: Json[]) => messages.map((m) => m.content as string);

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out: number[] = bom ? (order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const pair = [code & 0xff, code >> 8];
    out.push(...(order === 'le' ? pair : pair.reverse()));
  }
  return new Uint8Array(out);
}

async function twoPagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of ['Hello page one', 'Second page text']) doc.addPage().drawText(text, { x: 50, y: 700, font, size: 12 });
  return doc.save();
}

describe('upload: file types and encodings', () => {
  it('turns a UTF-8 text file into a message with the given peer, metadata, configuration and created_at', async () => {
    const ws = unique('ws');
    const messages = await created(
      await upload(ws, { bytes: 'Hello, world! ünïcödé ✓', type: 'text/plain' }, {
        peer_id: 'alice',
        metadata: JSON.stringify({ source: 'notes.txt' }),
        configuration: JSON.stringify({ reasoning: { enabled: false }, ignored: true }),
        created_at: '2021-05-06T07:08:09Z',
      }),
    );
    expect(messages).toEqual([
      {
        id: expect.stringMatching(/^[A-Za-z0-9_-]{21}$/),
        content: 'Hello, world! ünïcödé ✓',
        peer_id: 'alice',
        session_id: 's',
        workspace_id: ws,
        metadata: { source: 'notes.txt' },
        created_at: '2021-05-06T07:08:09.000Z',
        token_count: expect.any(Number),
      },
    ]);
    const stored = await getDb().message.findUniqueOrThrow({ where: { id: messages[0]!.id } });
    expect(stored.configuration).toEqual({ reasoning: { enabled: false } });
    // Reasoning disabled: only the embedding is recorded.
    const items = await getDb().workItem.findMany({ where: { sessionId: stored.sessionId } });
    expect(items.map((i) => [i.kind, i.payload])).toEqual([['embedding', { message_ids: [stored.id] }]]);
  });

  it('decodes UTF-16 (with a BOM, either byte order, or declared) and Latin-1', async () => {
    const ws = unique('ws');
    const text = 'Grüße, 世界';
    expect(contents(await created(await upload(ws, { bytes: utf16(text, 'le', true), type: 'text/plain' })))).toEqual([text]);
    expect(contents(await created(await upload(ws, { bytes: utf16(text, 'be', true), type: 'text/plain' })))).toEqual([text]);
    const declared = { bytes: utf16(text, 'be', false), type: 'text/plain; charset=utf-16be' };
    expect(contents(await created(await upload(ws, declared)))).toEqual([text]);
    const bomless = 'Plain ASCII text sent as UTF-16LE without a byte-order mark.';
    expect(contents(await created(await upload(ws, { bytes: utf16(bomless, 'le', false), type: 'text/plain' })))).toEqual([bomless]);
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xa3, 0x35]); // "café £5" in ISO-8859-1: invalid UTF-8
    expect(contents(await created(await upload(ws, { bytes: latin1, type: 'text/csv' })))).toEqual(['café £5']);
  });

  it('re-serialises JSON; invalid or non-UTF-8 JSON is a 422', async () => {
    const ws = unique('ws');
    const [message] = await created(await upload(ws, { bytes: '{"b":[1,2],"a":{"x":"ü"}}', type: 'application/json', name: 'd.json' }));
    expect(message!.content).toBe(JSON.stringify({ b: [1, 2], a: { x: 'ü' } }, null, 2));
    const invalid = await refused(await upload(ws, { bytes: '{"b": [1,', type: 'application/json' }), 422);
    expect(invalid.errors[0].path).toBe('body.file');
    await refused(await upload(ws, { bytes: new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]), type: 'application/json' }), 422);
  });

  it('extracts PDF text page by page with [Page n] prefixes; a broken PDF is a 422', async () => {
    const ws = unique('ws');
    const [message] = await created(await upload(ws, { bytes: await twoPagePdf(), type: 'application/pdf', name: 'doc.pdf' }));
    expect(message!.content).toBe('[Page 1]\nHello page one\n\n[Page 2]\nSecond page text');
    await refused(await upload(ws, { bytes: 'not a pdf at all', type: 'application/pdf' }), 422);
  });

  it('infers the type from the extension when the part says nothing or application/octet-stream', async () => {
    const ws = unique('ws');
    const octet = await upload(ws, { bytes: '# Title', type: 'application/octet-stream', name: 'README.md' });
    expect(contents(await created(octet))).toEqual(['# Title']);
    const untyped = await upload(ws, { bytes: await twoPagePdf(), name: 'doc.PDF' });
    expect(contents(await created(untyped))[0]).toMatch(/^\[Page 1\]/);
    await refused(await upload(ws, { bytes: 'x', type: 'application/octet-stream', name: 'blob' }), 415);
  });
});

describe('upload: multipart framing', () => {
  it('accepts the mixed-case boundary and media type a browser sends (Chromium\'s WebKitFormBoundary)', async () => {
    const ws = unique('ws');
    const boundary = '----WebKitFormBoundaryR3xQ9sLmP0aZ7TyB';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="note.txt"',
      'Content-Type: text/plain',
      '',
      'Sent from a browser.',
      `--${boundary}`,
      'Content-Disposition: form-data; name="peer_id"',
      '',
      'alice',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await appFetch(`${APP_BASE_URL}/v3/workspaces/${ws}/sessions/s/messages/upload`, {
      method: 'POST',
      headers: { 'content-type': `Multipart/Form-Data; boundary=${boundary}` },
      body,
    });
    expect(contents(await created(response))).toEqual(['Sent from a browser.']);
  });
});

describe('upload: limits and validation', () => {
  it('415 for unsupported file types and for a non-multipart body', async () => {
    const ws = unique('ws');
    await refused(await upload(ws, { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), type: 'image/png', name: 'a.png' }), 415);
    await refused(await upload(ws, { bytes: 'x', type: 'application/msword', name: 'a.txt' }), 415);
    const json = await appFetch(`${APP_BASE_URL}/v3/workspaces/${ws}/sessions/s/messages/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await refused(json, 415);
  });

  it('reads a multipart body whose boundary has capital letters (as browsers and Playwright send)', async () => {
    const ws = unique('ws');
    const boundary = '----FormBoundaryAbCdEf';
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="peer_id"\r\n\r\nalice\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nUpper-case boundary\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const response = await appFetch(`${APP_BASE_URL}/v3/workspaces/${ws}/sessions/s/messages/upload`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(contents(await created(response))).toEqual(['Upper-case boundary']);
  });

  it('413 for a file larger than 5 MiB; exactly 5 MiB is accepted', async () => {
    const ws = unique('ws');
    const limit = 5 * 1024 * 1024;
    await refused(await upload(ws, { bytes: new Uint8Array(limit + 1).fill(0x61), type: 'text/plain' }), 413);
    const words = new TextEncoder().encode('word '.repeat(limit / 5));
    const messages = await created(await upload(ws, { bytes: words, type: 'text/plain' }));
    expect(messages.length).toBe(Math.ceil(limit / 25_000));
    expect(contents(messages).join('')).toHaveLength(limit);
  });

  it('422 for a missing file or peer_id, invalid metadata/configuration JSON and a bad created_at', async () => {
    const ws = unique('ws');
    const noFile = await refused(await upload(ws, null), 422);
    expect(noFile.errors).toEqual([{ path: 'body.file', message: 'Field required' }]);
    const noPeer = await refused(await upload(ws, { bytes: 'x', type: 'text/plain' }, {}), 422);
    expect(noPeer.detail).toBe('peer_id: Field required');
    await refused(await upload(ws, { bytes: 'x', type: 'text/plain' }, { peer_id: 'bad peer' }), 422);
    const meta = await refused(await upload(ws, { bytes: 'x', type: 'text/plain' }, { peer_id: 'a', metadata: '{oops' }), 422);
    expect(meta.errors[0].path).toBe('body.metadata');
    await refused(await upload(ws, { bytes: 'x', type: 'text/plain' }, { peer_id: 'a', metadata: '[1]' }), 422);
    await refused(await upload(ws, { bytes: 'x', type: 'text/plain' }, { peer_id: 'a', configuration: 'nope' }), 422);
    const when = await refused(await upload(ws, { bytes: 'x', type: 'text/plain' }, { peer_id: 'a', created_at: 'soon' }), 422);
    expect(when.errors[0].path).toBe('body.created_at');
    expect(await getDb().workspace.findUnique({ where: { name: ws } })).toBeNull();
  });
});

describe('upload: chunking', () => {
  it('splits long text into ≤25,000-character messages at paragraph breaks, in order, losslessly', async () => {
    const ws = unique('ws');
    const paragraph = (i: number) => `Paragraph ${i}. ${'lorem ipsum dolor sit amet '.repeat(300)}`.trim();
    const text = Array.from({ length: 8 }, (_, i) => paragraph(i)).join('\n\n');
    const messages = await created(await upload(ws, { bytes: text, type: 'text/markdown', name: 'long.md' }));
    expect(messages.length).toBeGreaterThan(1);
    expect(contents(messages).join('')).toBe(text);
    for (const content of contents(messages)) expect(content.length).toBeLessThanOrEqual(25_000);
    for (const content of contents(messages).slice(0, -1)) expect(content.endsWith('\n\n')).toBe(true);
    // One transaction, gap-free sequence numbers, one embedding item naming every chunk.
    const db = getDb();
    const stored = await db.message.findMany({ where: { id: { in: messages.map((m) => m.id) } }, orderBy: { seq: 'asc' } });
    expect(stored.map((m) => m.id)).toEqual(messages.map((m) => m.id));
    expect(stored.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    const embeddings = await db.workItem.findMany({ where: { kind: 'embedding', sessionId: stored[0]!.sessionId } });
    expect(embeddings.map((i) => i.payload)).toEqual([{ message_ids: messages.map((m) => m.id) }]);
  });

  it('prefers \\n\\n, then \\n, then ". ", then a space, then a hard cut', () => {
    const max = 20;
    expect(chunkText('short', max)).toEqual(['short']);
    expect(chunkText('', max)).toEqual(['']);
    expect(chunkText('aaaaaaaaaaaa\n\nbbb\nccccccccccccc', max)).toEqual(['aaaaaaaaaaaa\n\n', 'bbb\nccccccccccccc']);
    expect(chunkText('aaaaaaaaaaaa\nbbbbb. ccccccccccccccc', max)).toEqual(['aaaaaaaaaaaa\n', 'bbbbb. ', 'ccccccccccccccc']);
    expect(chunkText('aaaaaaaaaaa. bbbbbb cccccccccc', max)).toEqual(['aaaaaaaaaaa. ', 'bbbbbb cccccccccc']);
    expect(chunkText('aaaaaaaa bbbbbbbbbb cccccccccc', max)).toEqual(['aaaaaaaa bbbbbbbbbb ', 'cccccccccc']);
    expect(chunkText('x'.repeat(45), max)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
    // A break that would leave less than half a chunk is skipped for a later, lower-priority one.
    expect(chunkText('ab\n\ncccccccccccc dddddddddd', max)).toEqual(['ab\n\ncccccccccccc ', 'dddddddddd']);
    // A hard cut never splits a surrogate pair.
    const emoji = `${'x'.repeat(19)}😀${'y'.repeat(5)}`;
    expect(chunkText(emoji, max)).toEqual(['x'.repeat(19), `😀${'y'.repeat(5)}`]);
    for (const text of ['a. b. c. d. e. f. g. h. i. j. k. l. m.', 'line\n'.repeat(30), 'word '.repeat(40)]) {
      const chunks = chunkText(text, max);
      expect(chunks.join('')).toBe(text);
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(max);
    }
  });
});

// The official @honcho-ai/sdk 2.5.0, unchanged, against Rapport's message routes (in-process, real database).
import { Honcho, NotFoundError, UnprocessableEntityError, type Message } from '@honcho-ai/sdk';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { APP_BASE_URL, installAppFetch } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';

// These suites exercise the message rules; credentials are covered by the auth suites.
process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(() => installAppFetch());

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;
const client = (workspaceId: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('messages through the SDK', () => {
  it('adds a single message built with peer.message(), with metadata, configuration and created_at', async () => {
    const honcho = client(unique('sdk'));
    const session = await honcho.session('chat');
    const alice = await honcho.peer('alice');
    const [message] = await session.addMessages(
      alice.message('Hello, world!', {
        metadata: { mood: 'happy' },
        configuration: { reasoning: { enabled: false } },
        createdAt: new Date('2025-01-02T03:04:05.000Z'),
      }),
    );
    expect(message).toMatchObject({
      content: 'Hello, world!',
      peerId: 'alice',
      sessionId: 'chat',
      workspaceId: honcho.workspaceId,
      metadata: { mood: 'happy' },
      createdAt: '2025-01-02T03:04:05.000Z',
      tokenCount: 4,
    });
    expect(message!.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    const stored = await getDb().message.findUniqueOrThrow({ where: { id: message!.id } });
    expect(stored.configuration).toEqual({ reasoning: { enabled: false } });
    // A string createdAt is passed through as well.
    const [later] = await session.addMessages(alice.message('later', { createdAt: '2025-02-03T04:05:06Z' }));
    expect(later!.createdAt).toBe('2025-02-03T04:05:06.000Z');
  });

  it('adds a batch of 100 in order and walks every page of session.messages()', async () => {
    const honcho = client(unique('sdk'));
    const session = await honcho.session('batch');
    const [alice, bob] = await Promise.all([honcho.peer('alice'), honcho.peer('bob')]);
    const inputs = Array.from({ length: 100 }, (_, i) => (i % 2 ? bob : alice).message(`message ${i}`));
    const created = await session.addMessages(inputs);
    expect(created.map((m) => m.content)).toEqual(inputs.map((m) => m.content));
    expect(created.map((m) => m.peerId)).toEqual(inputs.map((m) => m.peerId));

    // An explicit page size the server must echo, so the SDK's page walk neither loops nor truncates.
    const page = await session.messages({ size: 7 });
    expect(page).toMatchObject({ total: 100, page: 1, size: 7, pages: 15 });
    expect(page.hasNextPage).toBe(true);
    const walked: Message[] = await all(page);
    expect(walked.map((m) => m.id)).toEqual(created.map((m) => m.id));

    const reversed = await all(await session.messages({ reverse: true, size: 30 }));
    expect(reversed.map((m) => m.id)).toEqual([...created].reverse().map((m) => m.id));
    const bobs = await all(await session.messages({ filters: { peer_id: 'bob' } }));
    expect(bobs).toHaveLength(50);
    expect(bobs.every((m) => m.peerId === 'bob')).toBe(true);
    await expect(session.messages({ filters: { id: 'x' } })).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it('gets and updates a message, and maps 404 and 422 to the SDK error types', async () => {
    const honcho = client(unique('sdk'));
    const session = await honcho.session('chat');
    const alice = await honcho.peer('alice');
    const [message] = await session.addMessages(alice.message('keep me', { metadata: { v: 1 } }));
    const fetched = await session.getMessage(message!.id);
    expect(fetched).toEqual(message);

    const updated = await session.updateMessage(message!, { v: 2, tags: ['x'] });
    expect(updated).toEqual({ ...message, metadata: { v: 2, tags: ['x'] } });
    expect((await session.getMessage(message!.id)).metadata).toEqual({ v: 2, tags: ['x'] });

    const missing = session.getMessage('no-such-message-id-xx');
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
    await expect(session.getMessage('no-such-message-id-xx')).rejects.toThrow('Message with ID no-such-message-id-xx not found');
    await expect(session.updateMessage('no-such-message-id-xx', {})).rejects.toBeInstanceOf(NotFoundError);
    const other = await honcho.session('other');
    await expect(other.getMessage(message!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(session.addMessages(alice.message('x'.repeat(25_001)))).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it('uploads files through session.uploadFile (text and PDF)', async () => {
    const honcho = client(unique('sdk'));
    const session = await honcho.session('docs');
    const alice = await honcho.peer('alice');
    const text = await session.uploadFile(
      { filename: 'notes.txt', content: new TextEncoder().encode('Remember the milk.'), content_type: 'text/plain' },
      alice,
      { metadata: { source: 'upload' }, createdAt: new Date('2024-06-01T00:00:00Z') },
    );
    expect(text).toEqual([
      expect.objectContaining({ content: 'Remember the milk.', peerId: 'alice', metadata: { source: 'upload' }, createdAt: '2024-06-01T00:00:00.000Z' }),
    ]);

    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText('First page', { x: 50, y: 700, font, size: 12 });
    doc.addPage().drawText('Second page', { x: 50, y: 700, font, size: 12 });
    const pdf = await session.uploadFile({ filename: 'doc.pdf', content: await doc.save(), content_type: 'application/pdf' }, 'alice', {
      configuration: { reasoning: { enabled: false } },
    });
    expect(pdf.map((m) => m.content)).toEqual(['[Page 1]\nFirst page\n\n[Page 2]\nSecond page']);

    // A Blob without a file name or type cannot be typed: 415 surfaces as an SDK error.
    await expect(session.uploadFile(new Blob(['x']), alice)).rejects.toMatchObject({ status: 415 });
    const listed = await all(await session.messages());
    expect(listed.map((m) => m.id)).toEqual([...text, ...pdf].map((m) => m.id));
  });

  it('uploads through session.uploadFile when the runtime frames the body with a mixed-case boundary (as bun does)', async () => {
    const honcho = client(unique('sdk'));
    const session = await honcho.session('docs');
    // Node's FormData uses a lower-case boundary; bun and browsers use mixed case. Re-frame the SDK's own body under
    // one, byte for byte otherwise, and send the media type in mixed case too (media types are case-insensitive).
    const inner = globalThis.fetch;
    const boundaries: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!(init?.body instanceof FormData)) return inner(input, init);
      const framed = new Response(init.body);
      const sent = /boundary=(.+)$/.exec(framed.headers.get('content-type') ?? '')![1]!;
      const mixed = `----WebKitFormBoundaryQx7Vr2LmZp9Tk4Ab`;
      boundaries.push(mixed);
      const body = new TextDecoder('latin1').decode(await framed.arrayBuffer()).split(sent).join(mixed);
      const headers = new Headers(init.headers);
      headers.set('content-type', `Multipart/Form-Data; boundary=${mixed}`);
      return inner(input, { ...init, headers, body: Uint8Array.from(body, (c) => c.charCodeAt(0)) });
    });
    try {
      const messages = await session.uploadFile(
        { filename: 'notes.txt', content: new TextEncoder().encode('Boundaries are case-sensitive.'), content_type: 'text/plain' },
        'alice',
      );
      expect(boundaries).toHaveLength(1);
      expect(messages.map((m) => [m.peerId, m.content])).toEqual([['alice', 'Boundaries are case-sensitive.']]);
    } finally {
      vi.stubGlobal('fetch', inner);
    }
  });

  it('deletes a message over raw HTTP (the SDK has no delete-message call)', async () => {
    const honcho = client(unique('sdk'));
    const session = await honcho.session('chat');
    const alice = await honcho.peer('alice');
    const [first, second] = await session.addMessages([alice.message('one'), alice.message('two')]);
    const url = `${APP_BASE_URL}/v3/workspaces/${honcho.workspaceId}/sessions/chat/messages/${first!.id}`;
    const deleted = await fetch(url, { method: 'DELETE', headers: { 'content-type': 'application/json' } });
    expect(deleted.status).toBe(204);
    await expect(session.getMessage(first!.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await all(await session.messages())).map((m) => m.id)).toEqual([second!.id]);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(404);
  });
});

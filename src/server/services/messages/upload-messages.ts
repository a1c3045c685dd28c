import 'server-only';
// POST …/messages/upload (docs/api.md#s3-6): a multipart file becomes one message per ≤25,000-character chunk,
// all sharing author, metadata, configuration and created_at, stored through the same path as POST …/messages
// (one transaction, gap-free sequence numbers, background work recorded with them).
import type { z } from 'zod';
import {
  MESSAGE_CONTENT_MAX_CHARS,
  UPLOAD_MAX_BYTES,
  uploadFieldsSchema,
  type MessageCreateInput,
  type WireMessage,
} from '@/contracts/messages';
import { InvalidInputError, TooLargeError, type InputIssue } from '../errors';
import { chunkText } from './chunk-text';
import { createMessages, type MessageTarget } from './create-messages';
import { extractUploadText } from './extract-upload-text';

/** A 5 MiB file holds at most ~210 chunks of plain text; compressed PDFs can expand far beyond that. */
const MAX_CHUNKS = 1_000;

const FIELDS = ['peer_id', 'metadata', 'configuration', 'created_at'] as const;

export async function uploadMessages(target: MessageTarget, form: FormData): Promise<WireMessage[]> {
  const file = form.get('file');
  const fields = readFields(form);
  if (!(file instanceof Blob)) {
    throw new InvalidInputError([{ path: 'body.file', message: 'Field required' }, ...(fields.success ? [] : fields.issues)]);
  }
  if (!fields.success) throw new InvalidInputError(fields.issues);
  if (file.size > UPLOAD_MAX_BYTES) {
    throw new TooLargeError(`File exceeds the upload limit of ${UPLOAD_MAX_BYTES} bytes (5 MiB)`);
  }

  const text = await extractUploadText(
    { name: file instanceof File ? file.name : '', contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
    // Extraction stops at the text the chunk cap allows, instead of extracting everything and counting afterwards.
    { maxChars: MAX_CHUNKS * MESSAGE_CONTENT_MAX_CHARS },
  );
  const chunks = chunkText(text.replace(/\u0000/g, ''), MESSAGE_CONTENT_MAX_CHARS);
  if (chunks.length > MAX_CHUNKS) {
    throw new TooLargeError(`The file's text exceeds ${MAX_CHUNKS} messages of ${MESSAGE_CONTENT_MAX_CHARS} characters`);
  }
  const { peer_id, metadata, configuration, created_at } = fields.data;
  const messages: MessageCreateInput[] = chunks.map((content) => ({
    peer_id,
    content,
    metadata: metadata ?? undefined,
    configuration: configuration ?? undefined,
    created_at,
  }));
  return createMessages(target, messages);
}

type FieldsResult =
  | { success: true; data: z.output<typeof uploadFieldsSchema> }
  | { success: false; issues: InputIssue[] };

/** Text parts only; a file sent where a text part belongs counts as absent (→ 422 for peer_id). */
function readFields(form: FormData): FieldsResult {
  const raw: Record<string, string> = {};
  for (const name of FIELDS) {
    const value = form.get(name);
    if (typeof value === 'string') raw[name] = value;
  }
  const parsed = uploadFieldsSchema.safeParse(raw);
  if (parsed.success) return { success: true, data: parsed.data };
  return {
    success: false,
    issues: parsed.error.issues.map((issue) => ({
      path: ['body', ...issue.path.map(String)].join('.'),
      message: issue.code === 'invalid_type' && !(String(issue.path[0]) in raw) ? 'Field required' : issue.message,
    })),
  };
}

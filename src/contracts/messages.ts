// Wire schemas and routes of messages (docs/api.md#s3-6, #s3-15): append, upload, list, read, update, delete.
import { z } from 'zod';
import { cleanText, dateTimeInput, metadataSchema, pageOf, paginationQuery, peerId, resourceId, timestamp } from './common';
import { CUSTOM_INSTRUCTIONS_MAX_TOKENS, estimateTokens } from './configuration';
import { defineRoute, type RouteContract } from './route-contract';

export const MESSAGE_CONTENT_MAX_CHARS = 25_000;
export const MESSAGE_BATCH_MAX = 100;
/** Upload limit of docs/api.md#s3-6: 5 MiB. */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

export const messageSchema = z
  .object({
    id: z.string().meta({ description: '21-character server-generated id, URL-safe.' }),
    content: z.string(),
    peer_id: z.string(),
    session_id: z.string(),
    workspace_id: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    created_at: timestamp,
    token_count: z.number().int().meta({ description: 'o200k_base tokens of `content`.' }),
  })
  .meta({ id: 'Message' });

export type WireMessage = z.infer<typeof messageSchema>;

const reasoningSchema = z.object({
  enabled: z.boolean().nullable().optional(),
  custom_instructions: cleanText
    .refine((text) => estimateTokens(text) <= CUSTOM_INSTRUCTIONS_MAX_TOKENS, {
      message: `Must be at most ${CUSTOM_INSTRUCTIONS_MAX_TOKENS} estimated tokens`,
    })
    .nullable()
    .optional(),
});

export type MessageConfiguration = { reasoning?: { enabled?: boolean; custom_instructions?: string } };

/** Only `reasoning` is kept (docs/api.md#s1-5); null leaves mean "inherit" and are dropped. */
export const messageConfigurationSchema = z
  .object({ reasoning: reasoningSchema.nullable().optional() })
  .transform((config): MessageConfiguration => {
    const reasoning: NonNullable<MessageConfiguration['reasoning']> = {};
    if (typeof config.reasoning?.enabled === 'boolean') reasoning.enabled = config.reasoning.enabled;
    if (typeof config.reasoning?.custom_instructions === 'string') {
      reasoning.custom_instructions = config.reasoning.custom_instructions;
    }
    return Object.keys(reasoning).length > 0 ? { reasoning } : {};
  })
  .meta({ id: 'MessageConfiguration', description: 'Only `{"reasoning": {"enabled", "custom_instructions"}}` is kept.' });

export const messageCreateSchema = z
  .object({
    peer_id: peerId.meta({ description: 'Author; created in the workspace when missing.' }),
    content: z
      .string()
      .max(MESSAGE_CONTENT_MAX_CHARS, `Must be at most ${MESSAGE_CONTENT_MAX_CHARS} characters`)
      .transform((text) => text.replace(/\u0000/g, ''))
      .meta({ description: '0–25,000 characters; NUL characters are removed.' }),
    metadata: metadataSchema.nullable().optional(),
    configuration: messageConfigurationSchema.nullable().optional(),
    created_at: dateTimeInput.nullable().optional().meta({ description: 'Defaults to now; may be in the past.' }),
  })
  .meta({ id: 'MessageCreate' });

export type MessageCreateInput = z.output<typeof messageCreateSchema>;

export const messagesCreateBodySchema = z.object({
  messages: z
    .array(messageCreateSchema)
    .min(1, 'At least 1 message is required')
    .max(MESSAGE_BATCH_MAX, `At most ${MESSAGE_BATCH_MAX} messages per request`),
});

export const messageListBodySchema = z.object({
  filters: z
    .unknown()
    .optional()
    .meta({ description: 'Filter over workspace_id, session_id, peer_id, token_count, created_at, metadata (docs/api.md#s2).' }),
});

export const messageUpdateBodySchema = z.object({
  metadata: metadataSchema.nullable().optional().meta({ description: 'Replaces the stored metadata; null or absent keeps it.' }),
});

/** JSON text inside a multipart part (upload `metadata`, `configuration`); unparseable → 422 (docs/honcho-differences.md#unexpected-errors). */
function jsonPart<S extends z.ZodType>(schema: S) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** The non-file parts of an upload, validated after the multipart body is read. */
export const uploadFieldsSchema = z.object({
  peer_id: peerId,
  metadata: jsonPart(metadataSchema.nullable()).optional(),
  configuration: jsonPart(messageConfigurationSchema.nullable()).optional(),
  created_at: dateTimeInput.optional(),
});

/** Documentation of the multipart body (the adapter hands the handler a FormData). */
const uploadBodySchema = z.object({
  file: z.string().meta({ format: 'binary', description: 'PDF, any text/*, or application/json; at most 5 MiB.' }),
  peer_id: z.string().meta({ description: 'Author of the resulting messages.' }),
  metadata: z.string().optional().meta({ description: 'JSON text of an object.' }),
  configuration: z.string().optional().meta({ description: 'JSON text, e.g. {"reasoning": {"enabled": false}}.' }),
  created_at: z.string().optional().meta({ description: 'ISO-8601 datetime.' }),
});

/** Routes that can create the workspace and session validate their path ids (docs/api.md#s1-3). */
const writeParams = z.object({ workspace_id: resourceId, session_id: resourceId });
/** Read-only routes: an invalid id simply is not found. */
const sessionParams = z.object({ workspace_id: z.string(), session_id: z.string() });
const messageParams = sessionParams.extend({ message_id: z.string() });

const BASE = '/v3/workspaces/{workspace_id}/sessions/{session_id}/messages';

export const createMessagesRoute = defineRoute({
  id: 'createMessages',
  method: 'POST',
  path: BASE,
  auth: 'W/S',
  tag: 'Messages',
  summary: 'Append up to 100 messages',
  description:
    'Creates the workspace, session and authors when missing; each author becomes an active member of the session. ' +
    'Returns the messages in input order. `POST …/messages/` (trailing slash) is an alias.',
  params: writeParams,
  body: messagesCreateBodySchema,
  bodyRequired: true,
  response: z.array(messageSchema),
  status: 201,
  extraResponses: { 404: { description: 'The session is being deleted.' } },
});

export const uploadMessagesRoute = defineRoute({
  id: 'uploadMessages',
  method: 'POST',
  path: `${BASE}/upload`,
  auth: 'W/S',
  tag: 'Messages',
  summary: 'Turn a file into messages',
  description:
    'PDF (one `[Page n]` block per page), text/* (UTF-8, UTF-16 or Latin-1) or JSON. The text is split into chunks of ' +
    'at most 25,000 characters, one message per chunk.',
  params: writeParams,
  body: uploadBodySchema,
  bodyMediaType: 'multipart/form-data',
  bodyRequired: true,
  response: z.array(messageSchema),
  status: 201,
  extraResponses: {
    413: { description: 'The file is larger than 5 MiB.' },
    415: { description: 'The file type is not supported, or the body is not multipart/form-data.' },
  },
});

export const listMessagesRoute = defineRoute({
  id: 'listMessages',
  method: 'POST',
  path: `${BASE}/list`,
  auth: 'W/S+m',
  tag: 'Messages',
  summary: 'List messages in insertion order',
  params: sessionParams,
  query: paginationQuery,
  body: messageListBodySchema,
  bodyRequired: false,
  response: pageOf(messageSchema, 'PageMessage'),
  status: 200,
});

export const getMessageRoute = defineRoute({
  id: 'getMessage',
  method: 'GET',
  path: `${BASE}/{message_id}`,
  auth: 'W/S+m',
  tag: 'Messages',
  summary: 'Read one message',
  params: messageParams,
  response: messageSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such message in this session.' } },
});

export const updateMessageRoute = defineRoute({
  id: 'updateMessage',
  method: 'PUT',
  path: `${BASE}/{message_id}`,
  auth: 'W/S',
  tag: 'Messages',
  summary: "Replace a message's metadata",
  description: 'Content is immutable.',
  params: messageParams,
  body: messageUpdateBodySchema,
  bodyRequired: true,
  response: messageSchema,
  status: 200,
  extraResponses: { 404: { description: 'No such message in this session.' } },
});

export const deleteMessageRoute = defineRoute({
  id: 'deleteMessage',
  method: 'DELETE',
  path: `${BASE}/{message_id}`,
  auth: 'W/S',
  tag: 'Messages',
  summary: 'Delete a message and what was derived only from it',
  description: 'Removes its embeddings and the conclusions derived only from it; summaries covering it become stale.',
  params: messageParams,
  status: 204,
  extraResponses: { 404: { description: 'No such message in this session.' } },
});

export const messagesRoutes: readonly RouteContract[] = [
  createMessagesRoute,
  uploadMessagesRoute,
  listMessagesRoute,
  getMessageRoute,
  updateMessageRoute,
  deleteMessageRoute,
];

// Inputs of the console's tRPC procedures (src/server/trpc). Shared with the console UI so forms validate with the same
// rules before sending. The services re-check every domain rule; these schemas only fix shapes and sizes.
import { z } from 'zod';
import { resourceId } from './common';

export const PASSWORD_MIN_LENGTH = 8;

export const firstAccountInput = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(254),
  password: z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`).max(256),
  name: z.string().trim().max(100).optional(),
  organizationName: z.string().trim().max(100).optional(),
});

/** An app is addressed by its workspace id, the id API clients send. */
export const appId = resourceId;

export const createAppInput = z.object({
  id: appId,
  displayName: z.string().max(100).nullish(),
  organizationId: z.string().min(1).max(64).optional(),
});

export const renameAppInput = z.object({
  id: appId,
  displayName: z.string().max(100).nullable(),
});

/** `confirm` is the app id typed by the user; the server compares it too. */
export const deleteAppInput = z.object({ id: appId, confirm: z.string().max(200) });

export const API_KEY_SCOPES = ['workspace', 'peer', 'session'] as const;
export const apiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScopeName = z.infer<typeof apiKeyScope>;

export const createApiKeyInput = z.object({
  app: appId,
  name: z.string().trim().min(1, 'Give the key a name').max(100),
  scope: apiKeyScope,
  peer: z.string().trim().max(512).nullish(),
  session: z.string().trim().max(512).nullish(),
  /** ISO-8601 with a zone; omitted or null: never expires. */
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});

export const appKeyInput = z.object({ app: appId, keyId: z.string().min(1).max(64) });

export const auditListInput = z.object({
  /** Only this app's events; omitted: everything the user may see. */
  app: appId.nullish(),
  cursor: z.string().min(1).max(64).nullish(),
  limit: z.number().int().min(1).max(100).optional(),
});

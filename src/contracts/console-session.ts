// Inputs of the session page's tools: the context preview (what GET …/context returns for a budget, a peer and
// optionally a scope) and the per-message actions (facts derived from a message, deleting it).
import { z } from 'zod';
import { publicId, resourceId, scopeId } from './common';
import { appId } from './console';
import { CONTEXT_MAX_TOKENS } from './context';

/** The preview's default budget: a typical prompt allowance, well under the wire's maximum. */
export const CONTEXT_PREVIEW_DEFAULT_TOKENS = 2_000;

export const sessionContextInput = z.object({
  app: appId,
  session: resourceId,
  tokens: z.number().int().min(1, 'At least 1 token').max(CONTEXT_MAX_TOKENS, `At most ${CONTEXT_MAX_TOKENS} tokens`).default(CONTEXT_PREVIEW_DEFAULT_TOKENS),
  /** Whose representation and card to include; none gives messages and summary only. */
  peer: resourceId.optional(),
  /** Read the representation and card as this scope holds them (needs `peer`). */
  scope: scopeId.optional(),
  summary: z.boolean().default(true),
});
export type SessionContextInput = z.output<typeof sessionContextInput>;

export const sessionMessageInput = z.object({ app: appId, session: resourceId, message: publicId });

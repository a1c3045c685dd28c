import 'server-only';
// Stored API keys of an app: list (any member), create (the plaintext is in this one response only) and revoke (owners).
import { appId, appKeyInput, createApiKeyInput } from '@/contracts/console';
import { createApiKey } from '@/server/services/keys/create-api-key';
import { listApiKeys } from '@/server/services/keys/list-api-keys';
import { revokeApiKey } from '@/server/services/keys/revoke-api-key';
import { z } from 'zod';
import { protectedProcedure, router } from '../init';
import { appManagerProcedure } from '../manager-procedure';
import { apiKeyCreatedOutput, apiKeySummaryOutput } from '@/contracts/console-account-outputs';

export const keysRouter = router({
  list: protectedProcedure.input(z.object({ app: appId })).output(z.array(apiKeySummaryOutput)).query(({ ctx, input }) => listApiKeys(ctx.db, ctx.actor, input.app)),
  create: appManagerProcedure.input(createApiKeyInput).output(apiKeyCreatedOutput).mutation(({ ctx, input }) =>
    createApiKey(ctx.db, ctx.actor, {
      ...input,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      ip: ctx.ip,
    }),
  ),
  revoke: appManagerProcedure.input(appKeyInput).output(apiKeySummaryOutput).mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.actor, { ...input, ip: ctx.ip })),
});

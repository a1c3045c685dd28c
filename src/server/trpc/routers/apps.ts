import 'server-only';
// Apps: the signed-in user's organizations' workspaces.
import { appId, createAppInput, deleteAppInput, renameAppInput } from '@/contracts/console';
import { deleteApp } from '@/server/services/apps/delete-app';
import { createApp } from '@/server/services/apps/create-app';
import { getApp, listApps } from '@/server/services/apps/list-apps';
import { renameApp } from '@/server/services/apps/rename-app';
import { z } from 'zod';
import { protectedProcedure, router } from '../init';
import { appCreatedOutput, appDeletedOutput, appSummaryOutput } from '@/contracts/console-account-outputs';

export const appsRouter = router({
  list: protectedProcedure.output(z.array(appSummaryOutput)).query(({ ctx }) => listApps(ctx.db, ctx.actor)),
  get: protectedProcedure.input(z.object({ id: appId })).output(appSummaryOutput).query(({ ctx, input }) => getApp(ctx.db, ctx.actor, input.id)),
  create: protectedProcedure
    .input(createAppInput)
    .output(appCreatedOutput)
    .mutation(({ ctx, input }) => createApp(ctx.db, ctx.actor, { ...input, ip: ctx.ip })),
  rename: protectedProcedure
    .input(renameAppInput)
    .output(appSummaryOutput)
    .mutation(({ ctx, input }) => renameApp(ctx.db, ctx.actor, { ...input, ip: ctx.ip })),
  delete: protectedProcedure
    .input(deleteAppInput)
    .output(appDeletedOutput)
    .mutation(({ ctx, input }) => deleteApp(ctx.db, ctx.actor, { ...input, ip: ctx.ip })),
});

import 'server-only';
// Apps: the signed-in user's organizations' workspaces.
import { appId, createAppInput, renameAppInput } from '@/contracts/console';
import { createApp } from '@/server/services/apps/create-app';
import { getApp, listApps } from '@/server/services/apps/list-apps';
import { renameApp } from '@/server/services/apps/rename-app';
import { z } from 'zod';
import { protectedProcedure, router } from '../init';

export const appsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listApps(ctx.db, ctx.actor)),
  get: protectedProcedure.input(z.object({ id: appId })).query(({ ctx, input }) => getApp(ctx.db, ctx.actor, input.id)),
  create: protectedProcedure
    .input(createAppInput)
    .mutation(({ ctx, input }) => createApp(ctx.db, ctx.actor, { ...input, ip: ctx.ip })),
  rename: protectedProcedure
    .input(renameAppInput)
    .mutation(({ ctx, input }) => renameApp(ctx.db, ctx.actor, { ...input, ip: ctx.ip })),
});

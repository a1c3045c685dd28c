import 'server-only';
// The app's settings: the workspace configuration as the form shows it, saved through update-workspace.
import { appSettingsInput } from '@/contracts/console-data';
import { readAppSettings, saveAppSettings } from '@/server/services/console/app-settings';
import { appProcedure } from '../app-procedure';
import { router } from '../init';

export const settingsRouter = router({
  get: appProcedure.query(({ ctx }) => readAppSettings(ctx.workspace.configuration)),
  update: appProcedure.input(appSettingsInput).mutation(({ ctx, input }) => {
    const { app: _app, ...settings } = input;
    return saveAppSettings(ctx.workspace.name, ctx.workspace.configuration, settings);
  }),
});

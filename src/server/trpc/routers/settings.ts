import 'server-only';
// The app's settings: the workspace configuration as the form shows it, saved through update-workspace.
import { appSettingsInput } from '@/contracts/console-data';
import { readAppSettings, saveAppSettings } from '@/server/services/console/app-settings';
import { changedFields, DATA_AUDIT_ACTIONS } from '@/server/services/audit/data-change-audit';
import { appProcedure } from '../app-procedure';
import { appManagerProcedure } from '../manager-procedure';
import { auditConsoleChange } from '../audit-change';
import { router } from '../init';
import { appSettingsOutput } from '@/contracts/console-data-outputs';

export const settingsRouter = router({
  get: appProcedure.output(appSettingsOutput).query(({ ctx }) => readAppSettings(ctx.workspace.configuration)),
  update: appManagerProcedure.input(appSettingsInput).output(appSettingsOutput).mutation(async ({ ctx, input }) => {
    const { app: _app, ...settings } = input;
    const saved = await saveAppSettings(ctx.workspace.name, ctx.workspace.configuration, settings);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.workspaceUpdated, ctx.workspace.name, { fields: changedFields(settings) });
    return saved;
  }),
});

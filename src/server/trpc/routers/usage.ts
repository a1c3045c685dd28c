import 'server-only';
// An app's usage roll-ups and request log. Any member of the app's organization may read them (appProcedure: others
// get NOT_FOUND); nothing here changes anything.
import { requestLogInput, usageSummaryInput } from '@/contracts/console-usage';
import { listRequestLog } from '@/server/services/usage/list-request-log';
import { usageSummary } from '@/server/services/usage/usage-summary';
import { appProcedure } from '../app-procedure';
import { router } from '../init';
import { requestLogOutput, usageSummaryOutput } from '@/contracts/console-memory-outputs';

export const usageRouter = router({
  summary: appProcedure.input(usageSummaryInput).output(usageSummaryOutput).query(({ ctx, input }) => usageSummary(ctx.db, ctx.workspace.id, { days: input.days })),
  requests: appProcedure.input(requestLogInput).output(requestLogOutput).query(({ ctx, input }) => listRequestLog(ctx.db, ctx.workspace.id, input)),
});

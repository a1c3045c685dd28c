import 'server-only';
// An app's overview: what it holds, 30 days of activity, and which engines and storage serve it.
import { getDatabaseStatus } from '@/server/db/status';
import { getAppActivity } from '@/server/services/console/app-overview';
import { describeEngines } from '@/server/services/console/describe-engines';
import { appProcedure } from '../app-procedure';
import { router } from '../init';
import { overviewOutput } from '@/contracts/console-data-outputs';

export const overviewRouter = router({
  get: appProcedure.output(overviewOutput).query(async ({ ctx }) => {
    const [activity, database, engines] = await Promise.all([getAppActivity(ctx.db, ctx.workspace.id), getDatabaseStatus(), describeEngines()]);
    return { ...activity, database, engines };
  }),
});

import 'server-only';
// Facts about the server the console shows, e.g. the banner when the /v3 API serves data without credentials.
import { isAuthDisabled } from '@/server/config/auth-config';
import { protectedProcedure, router } from '../init';
import { systemStatusOutput } from '@/contracts/console-account-outputs';

export const systemRouter = router({
  status: protectedProcedure.output(systemStatusOutput).query(() => ({
    apiAuthDisabled: isAuthDisabled(),
    launchMode: process.env.RAPPORT_LAUNCH_MODE === 'dev' ? ('dev' as const) : ('start' as const),
  })),
});

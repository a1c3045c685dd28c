import 'server-only';
// The console's tRPC router. The UI imports only its type.
import { createCallerFactory, router } from './init';
import { accountRouter } from './routers/account';
import { appsRouter } from './routers/apps';
import { auditRouter } from './routers/audit';
import { keysRouter } from './routers/keys';
import { systemRouter } from './routers/system';

export const appRouter = router({
  account: accountRouter,
  system: systemRouter,
  apps: appsRouter,
  keys: keysRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

import 'server-only';
// The console's tRPC router. The UI imports only its type.
import { createCallerFactory, router } from './init';
import { accountRouter } from './routers/account';
import { appsRouter } from './routers/apps';
import { auditRouter } from './routers/audit';
import { factsRouter } from './routers/facts';
import { invitationsRouter } from './routers/invitations';
import { keysRouter } from './routers/keys';
import { membersRouter } from './routers/members';
import { overviewRouter } from './routers/overview';
import { peersRouter } from './routers/peers';
import { playgroundRouter } from './routers/playground';
import { queueRouter } from './routers/queue';
import { scopesRouter } from './routers/scopes';
import { searchRouter } from './routers/search';
import { sessionsRouter } from './routers/sessions';
import { settingsRouter } from './routers/settings';
import { systemRouter } from './routers/system';
import { usageRouter } from './routers/usage';
import { webhooksRouter } from './routers/webhooks';

export const appRouter = router({
  account: accountRouter,
  system: systemRouter,
  apps: appsRouter,
  keys: keysRouter,
  audit: auditRouter,
  overview: overviewRouter,
  peers: peersRouter,
  sessions: sessionsRouter,
  search: searchRouter,
  settings: settingsRouter,
  facts: factsRouter,
  playground: playgroundRouter,
  scopes: scopesRouter,
  queue: queueRouter,
  webhooks: webhooksRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  usage: usageRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

// GET/POST /api/trpc/* — the console's tRPC endpoint (fetch adapter); the session comes from the Auth.js cookie
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { currentConsoleSession } from '@/server/auth';
import { appRouter } from '@/server/trpc/app-router';
import { logger } from '@/server/observability/logger';
import { createTrpcContext } from '@/server/trpc/context';
import { retryAfterHeaders } from '@/server/trpc/domain-errors';

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: async () => {
      return createTrpcContext({ session: await currentConsoleSession(), headers: request.headers });
    },
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') logger().error({ procedure: path ?? '?', err: error.cause ?? error }, 'console procedure failed');
    },
  });
}

export { handler as GET, handler as POST };

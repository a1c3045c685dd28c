import 'server-only';
// tRPC for the console: one error table (domain errors → tRPC codes), field issues in the error data for forms,
// internal errors reduced to a generic message, and `protectedProcedure` for everything behind sign-in.
import { initTRPC, TRPCError } from '@trpc/server';
import { requireActiveUser } from '@/server/services/accounts/console-actor';
import { FilterRejectedError } from '@/server/db/filters/filter-rejected-error';
import { DomainError } from '@/server/services/errors';
import type { TrpcContext } from './context';
import { domainToTrpcError, issuesOf, unavailableToTrpcError } from './domain-errors';

const t = initTRPC.context<TrpcContext>().create({
  isDev: process.env.NODE_ENV !== 'production',
  errorFormatter({ shape, error }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: internal ? 'Internal server error' : shape.message,
      data: { ...shape.data, stack: undefined, issues: issuesOf(error.cause) },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const cause = result.ok ? undefined : result.error.cause;
  if (cause instanceof DomainError || cause instanceof FilterRejectedError) throw domainToTrpcError(cause);
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') {
    const unavailable = unavailableToTrpcError(result.error.cause);
    if (unavailable) throw unavailable;
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors);

/** Signed in with an account that still exists and is not disabled; adds `actor` and `user` to the context. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  const user = await requireActiveUser(ctx.db, ctx.session.userId, ctx.session.sessionVersion);
  return next({ ctx: { ...ctx, user, actor: { userId: user.id } } });
});

import 'server-only';
// Server-component glue: the same procedures the browser calls, run in-process with the request's session.
// `api` calls a procedure directly (gating, redirects); `trpc` + `getQueryClient` prefetch data that
// <HydrateClient> hands to the client components' queries, so pages render with data and no loading flash.
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { signInUrlFor } from '@/components/console/auth/sign-in-target';
import { currentConsoleSession } from '@/server/auth';
import { NONCE_HEADER } from '@/server/http/console-csp';
import { CONSOLE_PATH_HEADER } from '@/server/http/console-path';
import { appRouter, createCaller } from '@/server/trpc/app-router';
import { createTrpcContext } from '@/server/trpc/context';
import { makeQueryClient } from './query-client';

const createContext = cache(async () => {
  return createTrpcContext({ session: await currentConsoleSession(), headers: new Headers(await headers()) });
});

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({ router: appRouter, ctx: createContext, queryClient: getQueryClient });

export const api = createCaller(createContext);

/**
 * The signed-in account, or a redirect to the sign-in page. Next renders a layout and its pages concurrently, so every
 * signed-in page calls this itself rather than relying on its layout's check having run first.
 */
export const requireConsoleUser = cache(async () => {
  const user = await api.account.current();
  // The proxy records the requested console path, so the sign-in page can send the visitor back to it.
  if (!user) redirect(signInUrlFor((await headers()).get(CONSOLE_PATH_HEADER)));
  return user;
});

/** This response's script nonce (set by the proxy), for the console's own inline scripts. */
export async function consoleNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

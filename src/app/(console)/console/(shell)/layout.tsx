// Every signed-in console page: checks the session on the server (no console page renders without it), prefetches
// what the shell shows, and adds the banner when the /v3 API runs without credentials.
import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/console/shell/console-shell';
import { AuthDisabledBanner } from '@/components/console/shell/auth-disabled-banner';
import { api, getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  await requireConsoleUser();
  const queryClient = getQueryClient();
  const [status] = await Promise.all([
    api.system.status(),
    queryClient.prefetchQuery(trpc.apps.list.queryOptions()),
    queryClient.prefetchQuery(trpc.account.me.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <ConsoleShell banner={status.apiAuthDisabled ? <AuthDisabledBanner launchMode={status.launchMode} /> : null}>{children}</ConsoleShell>
    </HydrateClient>
  );
}

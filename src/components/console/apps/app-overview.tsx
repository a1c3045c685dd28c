'use client';
// An app at a glance: what it holds and did in the last 30 days, which engines serve it, how to connect to it, and
// where its keys and audit log are.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { CodeBlock } from '@/components/site/code-block';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { buttonClasses } from '../ui/button';
import { KeyIcon, ListIcon } from '../ui/icons';
import { Timestamp } from '../ui/timestamp';
import { OverviewStats } from '../overview/overview-stats';

export function AppOverview({ app, baseUrl }: { app: string; baseUrl: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.apps.get.queryOptions({ id: app }));
  const keys = query.data?.activeKeyCount ?? 0;

  return (
    <div className="space-y-6">
      <OverviewStats app={app} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-labelledby="connect-heading" className="rounded-xl border border-stone-200 bg-white p-6 shadow-xs">
          <h2 id="connect-heading" className="text-lg font-semibold text-stone-900">
            Connect
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            Rapport speaks the Honcho v3 API, so the official SDK works unchanged: point it at this server, with a key of this app.
          </p>
          <div className="console-fixed-palette mt-4">
            <CodeBlock title="TypeScript" language="ts" wrap>
              {`import { Honcho } from '@honcho-ai/sdk';

const honcho = new Honcho({
  baseURL: '${baseUrl}',
  apiKey: process.env.RAPPORT_API_KEY,
  workspaceId: '${app}',
});

const alice = await honcho.peer('alice');
const session = await honcho.session('first-chat');
await session.addMessages([alice.message('I just moved to Lisbon.')]);`}
            </CodeBlock>
          </div>
        </section>

        <div className="space-y-4">
          <section aria-labelledby="keys-summary" className="rounded-xl border border-stone-200 bg-white p-5 shadow-xs">
            <h2 id="keys-summary" className="flex items-center gap-2 text-sm font-semibold text-stone-900">
              <KeyIcon className="size-4 text-accent-600" /> API keys
            </h2>
            <p className="mt-2 text-3xl font-semibold tabular-nums text-stone-900">{keys}</p>
            <p className="text-sm text-stone-500">active key{keys === 1 ? '' : 's'}</p>
            <Link href={appHref(app, 'keys')} className={buttonClasses(keys === 0 ? 'primary' : 'secondary', 'sm', 'mt-4 w-full')}>
              {keys === 0 ? 'Create a key' : 'Manage keys'}
            </Link>
          </section>
          <section aria-labelledby="about-app" className="rounded-xl border border-stone-200 bg-white p-5 text-sm shadow-xs">
            <h2 id="about-app" className="flex items-center gap-2 font-semibold text-stone-900">
              <ListIcon className="size-4 text-accent-600" /> Details
            </h2>
            <dl className="mt-3 space-y-2 text-stone-600">
              <div className="flex justify-between gap-3">
                <dt>Organization</dt>
                <dd className="truncate text-stone-900">{query.data?.organizationName ?? '—'}</dd>
              </div>
              <div className="flex justify-between gap-3">
                <dt>Created</dt>
                <dd className="text-stone-900">{query.data ? <Timestamp iso={query.data.createdAt} /> : '—'}</dd>
              </div>
            </dl>
            <Link href={appHref(app, 'audit')} className="mt-4 inline-block font-medium text-accent-700 hover:underline">
              View the audit log →
            </Link>
          </section>
        </div>
      </div>
    </div>
  );
}

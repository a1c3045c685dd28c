'use client';
// All apps of the user's organizations, with create and rename. `?new=1` opens the create dialog (app switcher link).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { AppSummary } from '@/trpc/types';
import { appHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { AppsIcon, PlusIcon } from '../ui/icons';
import { QueryStatus } from '../ui/query-status';
import { EmptyState } from '../ui/states';
import { Timestamp } from '../ui/timestamp';
import { CreateAppDialog } from './create-app-dialog';
import { RenameAppDialog } from './rename-app-dialog';

export function AppsScreen() {
  const trpc = useTRPC();
  const apps = useQuery(trpc.apps.list.queryOptions());
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<AppSummary | null>(null);
  const createOpen = creating || searchParams.get('new') === '1';

  function closeCreate() {
    setCreating(false);
    if (searchParams.get('new')) router.replace(pathname);
  }

  const multipleOrgs = new Set((apps.data ?? []).map((a) => a.organizationId)).size > 1;

  const newApp = (
    <Button onClick={() => setCreating(true)}>
      <PlusIcon /> New app
    </Button>
  );

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-stone-900">Apps</h1>
          <p className="mt-1 text-sm text-stone-600">Each app is a workspace with its own users, sessions, memory and API keys.</p>
        </div>
        {apps.data && apps.data.length > 0 ? newApp : null}
      </div>

      <div className="mt-6">
        <QueryStatus query={apps} loading="Loading apps" errorTitle="Could not load your apps" />
        {apps.data && apps.data.length === 0 ? (
          <EmptyState
            icon={<AppsIcon className="size-5" />}
            title="Create your first app"
            body={
              <>
                An app gets its own workspace id and API keys. Point <code className="whitespace-nowrap font-mono text-[13px]">@honcho-ai/sdk</code> at
                this server with a key, and Rapport starts remembering your users.
              </>
            }
            action={newApp}
          />
        ) : null}
        {apps.data && apps.data.length > 0 ? (
          <ul aria-label="Apps" className="divide-y divide-stone-100 overflow-hidden rounded-xl border border-stone-200 bg-white shadow-xs">
            {apps.data.map((app) => (
              <li key={app.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 px-5 py-4 hover:bg-stone-50/60">
                {/* At least 14rem for the name and id: at 1024 wide the badge, date and actions wrap below instead. */}
                <div className="min-w-0 flex-1 basis-56">
                  <Link href={appHref(app.id)} className="font-medium text-stone-900 hover:text-accent-700 hover:underline">
                    {app.displayName ?? app.id}
                  </Link>
                  <p className="mt-0.5 truncate font-mono text-xs text-stone-500" title={app.id}>
                    {app.id}
                  </p>
                </div>
                {multipleOrgs ? <span className="text-sm text-stone-500">{app.organizationName}</span> : null}
                <Badge tone={app.activeKeyCount > 0 ? 'accent' : 'neutral'}>
                  {app.activeKeyCount} active key{app.activeKeyCount === 1 ? '' : 's'}
                </Badge>
                <span className="hidden text-sm text-stone-500 sm:inline">
                  Created <Timestamp iso={app.createdAt} />
                </span>
                <div className="flex items-center gap-1">
                  <Link href={appHref(app.id, 'keys')} className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-stone-600 hover:bg-stone-100 hover:text-stone-900">
                    Keys
                  </Link>
                  <Button variant="ghost" size="sm" onClick={() => setRenaming(app)} aria-label={`Rename ${app.displayName ?? app.id}`}>
                    Rename
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <CreateAppDialog open={createOpen} onClose={closeCreate} />
      <RenameAppDialog app={renaming} onClose={() => setRenaming(null)} />
    </div>
  );
}

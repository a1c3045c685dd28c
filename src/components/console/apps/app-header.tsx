'use client';
// The title of an app's pages: its display name, its wire id (copyable), rename and delete.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { AppSummary } from '@/trpc/types';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';
import { DeleteAppDialog } from './delete-app-dialog';
import { RenameAppDialog } from './rename-app-dialog';

export function AppHeader({ app }: { app: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.apps.get.queryOptions({ id: app }));
  const [renaming, setRenaming] = useState<AppSummary | null>(null);
  const [deleting, setDeleting] = useState(false);
  const data = query.data;

  return (
    <div className="mb-8 flex flex-wrap items-start justify-between gap-4 border-b border-stone-200 pb-6">
      <div className="min-w-0">
        <h1 className="truncate text-2xl font-semibold tracking-tight text-stone-900">{data?.displayName ?? app}</h1>
        <p className="mt-1.5 flex flex-wrap items-center gap-2 text-sm text-stone-500">
          <span>Workspace id</span>
          <code className="rounded-md bg-stone-100 px-1.5 py-0.5 font-mono text-[13px] text-stone-800">{app}</code>
          {data ? <span>· {data.organizationName}</span> : null}
        </p>
      </div>
      <div className="flex items-center gap-2">
        <CopyButton text={app} label="Copy id" />
        <Button variant="secondary" onClick={() => data && setRenaming(data)} disabled={!data}>
          Rename
        </Button>
        <Button variant="secondary" onClick={() => setDeleting(true)} disabled={!data} className="text-red-700">
          Delete app
        </Button>
      </div>
      <RenameAppDialog app={renaming} onClose={() => setRenaming(null)} />
      <DeleteAppDialog app={app} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}

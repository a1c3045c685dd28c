'use client';
// An app's stored API keys: list with prefix, scope, created, last used, expiry and status; create; revoke.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { ApiKeySummary } from '@/trpc/types';
import { Button } from '../ui/button';
import { KeyIcon, PlusIcon } from '../ui/icons';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';
import { CreateKeyDialog, type CreatedKey } from './create-key-dialog';
import { KeyCreatedDialog } from './key-created-dialog';
import { KeyScope, KeyStatus } from './key-scope';
import { RevokeKeyDialog } from './revoke-key-dialog';

export function KeysScreen({ app, baseUrl }: { app: string; baseUrl: string }) {
  const trpc = useTRPC();
  const keys = useQuery(trpc.keys.list.queryOptions({ app }));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);

  return (
    <section aria-labelledby="keys-heading">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="keys-heading" className="text-lg font-semibold text-stone-900">
            API keys
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-stone-600">
            Keys let your code call this app&apos;s API as <code className="font-mono text-[13px]">Authorization: Bearer …</code>. Rapport stores only a
            hash; revoking a key takes effect on the next request.
          </p>
        </div>
        {keys.data && keys.data.length > 0 ? (
          <Button onClick={() => setCreating(true)}>
            <PlusIcon /> New key
          </Button>
        ) : null}
      </div>

      <div className="mt-6">
        {keys.isPending ? <SkeletonRows label="Loading keys" /> : null}
        {keys.isError ? <ErrorState title="Could not load the keys" message={errorMessage(keys.error)} onRetry={() => void keys.refetch()} /> : null}
        {keys.data && keys.data.length === 0 ? (
          <EmptyState
            icon={<KeyIcon className="size-5" />}
            title="No API keys yet"
            body="Create a key for each service that talks to this app, scoped to the whole app, one peer or one session."
            action={
              <Button onClick={() => setCreating(true)}>
                <PlusIcon /> New key
              </Button>
            }
          />
        ) : null}
        {keys.data && keys.data.length > 0 ? (
          <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-xs">
            <table className="w-full min-w-[38rem] text-left text-sm">
              <caption className="sr-only">API keys of this app</caption>
              <thead className="border-b border-stone-200 bg-stone-50 text-xs font-medium uppercase tracking-wide text-stone-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Name</th>
                  <th scope="col" className="px-4 py-2.5">Access</th>
                  <th scope="col" className="px-4 py-2.5">Created</th>
                  <th scope="col" className="px-4 py-2.5">Last used</th>
                  <th scope="col" className="px-4 py-2.5">Expires</th>
                  <th scope="col" className="px-4 py-2.5">Status</th>
                  <th scope="col" className="sticky right-0 bg-stone-50 px-4 py-2.5"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {keys.data.map((key) => (
                  <tr key={key.id} className={key.status === 'revoked' ? 'text-stone-500' : 'text-stone-700'}>
                    <td className="px-4 py-3">
                      <span className={`block font-medium ${key.status === 'revoked' ? 'text-stone-500' : 'text-stone-900'}`}>{key.name}</span>
                      <code className="font-mono text-xs text-stone-500">{key.prefix}…</code>
                    </td>
                    <td className="px-4 py-3"><KeyScope apiKey={key} /></td>
                    <td className="px-4 py-3">
                      <Timestamp iso={key.createdAt} relative />
                      {/* Breaks anywhere rather than widening the column: at 1024 wide the table then fits without scrolling. */}
                      {key.createdBy ? <span className="block text-xs text-stone-500 [overflow-wrap:anywhere]">{key.createdBy}</span> : null}
                    </td>
                    <td className="px-4 py-3">{key.lastUsedAt ? <Timestamp iso={key.lastUsedAt} relative /> : <span className="text-stone-500">Never</span>}</td>
                    <td className="px-4 py-3">{key.expiresAt ? <Timestamp iso={key.expiresAt} /> : <span className="text-stone-500">Never</span>}</td>
                    <td className="px-4 py-3"><KeyStatus status={key.status} /></td>
                    {/* Pinned to the right edge, so Revoke stays in view even where the table has to scroll. */}
                    <td className="sticky right-0 bg-white px-4 py-3 text-right">
                      {key.status !== 'revoked' ? (
                        <Button variant="dangerGhost" size="sm" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                          Revoke
                        </Button>
                      ) : key.revokedAt ? (
                        <span className="text-xs">
                          <Timestamp iso={key.revokedAt} relative />
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>

      <CreateKeyDialog app={app} open={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <KeyCreatedDialog created={created} app={app} baseUrl={baseUrl} onClose={() => setCreated(null)} />
      <RevokeKeyDialog app={app} apiKey={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}

'use client';
// An app's stored API keys: list with prefix, scope, created, last used, expiry and status; create; revoke.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { ApiKeySummary } from '@/trpc/types';
import { Button } from '../ui/button';
import { KeyIcon, PlusIcon } from '../ui/icons';
import { DataTable } from '../ui/data-table';
import { QueryStatus } from '../ui/query-status';
import { ScreenHeader } from '../ui/screen-header';
import { EmptyState } from '../ui/states';
import { Timestamp, TimestampOr } from '../ui/timestamp';
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

  const newKey = (
    <Button onClick={() => setCreating(true)}>
      <PlusIcon /> New key
    </Button>
  );

  return (
    <section aria-labelledby="keys-heading">
      <ScreenHeader
        id="keys-heading"
        title="API keys"
        description={
          <>
            Keys let your code call this app&apos;s API as <code className="font-mono text-[13px]">Authorization: Bearer …</code>. Rapport stores only a
            hash; revoking a key takes effect on the next request.
          </>
        }
        actions={keys.data && keys.data.length > 0 ? newKey : null}
      />

      <div className="mt-6">
        <QueryStatus query={keys} loading="Loading keys" errorTitle="Could not load the keys" />
        {keys.data && keys.data.length === 0 ? (
          <EmptyState
            icon={<KeyIcon className="size-5" />}
            title="No API keys yet"
            body="Create a key for each service that talks to this app, scoped to the whole app, one peer or one session."
            action={newKey}
          />
        ) : null}
        {keys.data && keys.data.length > 0 ? (
          <DataTable
            caption="API keys of this app"
            className="min-w-[38rem]"
            columns={['Name', 'Access', 'Created', 'Last used', 'Expires', 'Status', { label: <span className="sr-only">Actions</span>, className: 'sticky right-0 bg-stone-50' }]}
          >
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
                <td className="px-4 py-3">
                  <TimestampOr iso={key.lastUsedAt} relative fallback="Never" />
                </td>
                <td className="px-4 py-3">
                  <TimestampOr iso={key.expiresAt} fallback="Never" />
                </td>
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
          </DataTable>
        ) : null}
      </div>

      <CreateKeyDialog app={app} open={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <KeyCreatedDialog created={created} app={app} baseUrl={baseUrl} onClose={() => setCreated(null)} />
      <RevokeKeyDialog app={app} apiKey={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}

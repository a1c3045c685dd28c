'use client';
// An app's webhooks: the notice when deliveries are disabled (no WEBHOOK_SECRET), the endpoints (add with the API's
// own URL rules, delete), a test event, and the delivery log with status, response code, attempts and error.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Button } from '../ui/button';
import { TextField } from '../ui/field';
import { TrashIcon, WarningIcon } from '../ui/icons';
import { withQuery } from '../ui/query-string';
import { QueryStatus } from '../ui/query-status';
import { ScreenHeader } from '../ui/screen-header';
import { Panel } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';
import { DeliveryLog } from './delivery-log';
import { deliveriesInput } from './webhooks-query';

export function WebhooksScreen({ app, page }: { app: string; page: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const endpoints = useQuery(trpc.webhooks.endpoints.queryOptions({ app }));
  const deliveries = useQuery({ ...trpc.webhooks.deliveries.queryOptions(deliveriesInput(app, page)), refetchInterval: 5_000 });
  const add = useMutation(trpc.webhooks.add.mutationOptions());
  const remove = useMutation(trpc.webhooks.delete.mutationOptions());
  const test = useMutation(trpc.webhooks.test.mutationOptions());
  const [urlError, setUrlError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const refresh = () => queryClient.invalidateQueries(trpc.webhooks.pathFilter());

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const url = String(new FormData(event.currentTarget).get('url') ?? '').trim();
    if (!url) return setUrlError('Enter the URL to send events to.');
    setUrlError(null);
    try {
      const result = await add.mutateAsync({ app, url });
      await refresh();
      setFormKey((k) => k + 1);
      toast.show(result.created ? 'Endpoint added' : 'That URL is already registered');
    } catch (e) {
      setUrlError(errorMessage(e));
    }
  }

  async function onDelete(endpoint: string, url: string) {
    try {
      await remove.mutateAsync({ app, endpoint });
      await refresh();
      toast.show(`Removed ${url}`);
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    }
  }

  async function onTest() {
    try {
      await test.mutateAsync({ app });
      await refresh();
      toast.show('Test event queued for every endpoint');
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    }
  }

  const data = endpoints.data;
  return (
    <section aria-labelledby="webhooks-heading" className="space-y-6">
      <ScreenHeader
        id="webhooks-heading"
        title="Webhooks"
        description={
          <>
            Rapport POSTs signed events (<code className="font-mono text-[13px]">queue.empty</code>, <code className="font-mono text-[13px]">test.event</code>) to these URLs, with an{' '}
            <code className="font-mono text-[13px]">X-Honcho-Signature</code> HMAC header.
          </>
        }
      />

      {data && !data.deliveriesEnabled ? (
        <aside role="note" aria-label="Deliveries disabled" className="flex gap-2.5 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <WarningIcon className="mt-0.5 size-4 text-amber-600" />
          <p>
            <strong className="font-semibold">Deliveries are disabled:</strong> no <code className="font-mono">WEBHOOK_SECRET</code> is configured on this server, so events are recorded as
            “disabled” and never sent. Set it and restart to start delivering.
          </p>
        </aside>
      ) : null}

      <Panel
        id="endpoints-heading"
        title="Endpoints"
        description={data ? `${data.endpoints.length} of ${data.max} endpoints` : undefined}
        actions={
          <Button variant="secondary" size="sm" pending={test.isPending} disabled={!data || data.endpoints.length === 0} onClick={() => void onTest()}>
            Send test event
          </Button>
        }
      >
        <QueryStatus query={endpoints} loading="Loading endpoints" rows={2} errorTitle="Could not load the endpoints" />
        {data && data.endpoints.length === 0 ? <p className="text-sm text-stone-500">No endpoints yet.</p> : null}
        {data && data.endpoints.length > 0 ? (
          <ul aria-label="Webhook endpoints" className="divide-y divide-stone-100">
            {data.endpoints.map((endpoint) => (
              <li key={endpoint.id} className="flex flex-wrap items-center justify-between gap-3 py-2.5">
                <div className="min-w-0">
                  <p className="break-all font-mono text-sm text-stone-900">{endpoint.url}</p>
                  <p className="text-xs text-stone-500">
                    Added <Timestamp iso={endpoint.created_at} relative />
                  </p>
                </div>
                <Button variant="dangerGhost" size="sm" aria-label={`Delete endpoint ${endpoint.url}`} onClick={() => void onDelete(endpoint.id, endpoint.url)}>
                  <TrashIcon /> Delete
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        <form key={formKey} onSubmit={(e) => void onAdd(e)} className="mt-4 flex flex-wrap items-start gap-2 border-t border-stone-100 pt-4">
          <TextField
            label="Endpoint URL"
            name="url"
            type="text"
            inputMode="url"
            placeholder="https://example.com/hooks/rapport"
            autoComplete="off"
            spellCheck={false}
            error={urlError}
            hint="http or https; addresses on private networks are refused."
            className="min-w-72 flex-1"
          />
          <Button type="submit" pending={add.isPending} className="mt-7" disabled={data ? data.endpoints.length >= data.max : false}>
            Add endpoint
          </Button>
        </form>
      </Panel>

      <Panel id="deliveries-heading" title="Delivery log" description="Every event recorded for an endpoint, newest first. Refreshes every few seconds.">
        <QueryStatus query={deliveries} loading="Loading deliveries" rows={3} errorTitle="Could not load the deliveries" />
        {deliveries.data ? <DeliveryLog page={deliveries.data} href={(p) => withQuery(appHref(app, 'webhooks'), { page: p }, { page: 1 })} /> : null}
      </Panel>
    </section>
  );
}

'use client';
// An app's last API requests, newest first: time, method, route template, status, latency and credential, filtered
// by status class, route and credential. Bodies and secrets are never stored, so none can show here.
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { STATUS_CLASSES, type StatusClass } from '@/contracts/console-usage';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Badge, type BadgeTone } from '../ui/badge';
import { inputClasses } from '../ui/field';
import { ListIcon } from '../ui/icons';
import { DataTable } from '../ui/data-table';
import { PagedList } from '../ui/paged-list';
import { withQuery } from '../ui/query-string';
import { ScreenHeader } from '../ui/screen-header';
import { EmptyState } from '../ui/states';
import { tdClasses } from '../ui/table';
import { TabLink, TabLinks } from '../ui/tab-links';
import { Timestamp } from '../ui/timestamp';
import { formatMs } from './usage-format';
import { requestLogInputOf, type RequestLogView } from './usage-query';

const STATUS_LABELS: Record<StatusClass, string> = { all: 'All', '2xx': '2xx', '3xx': '3xx', '4xx': '4xx', '5xx': '5xx' };

function statusTone(status: number): BadgeTone {
  if (status >= 500) return 'danger';
  if (status >= 400) return 'warning';
  return 'success';
}

export function RequestLogScreen({ app, view }: { app: string; view: RequestLogView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const log = useQuery(trpc.usage.requests.queryOptions(requestLogInputOf(app, view)));
  const base = appHref(app, 'requests');
  const defaults = { status: 'all', page: 1 };
  const url = (next: Partial<RequestLogView>) => withQuery(base, { ...view, page: 1, ...next }, defaults);
  const filtered = view.status !== 'all' || view.route !== '' || view.key !== '';

  return (
    <section aria-labelledby="requests-heading" className="space-y-4">
      <ScreenHeader
        id="requests-heading"
        title="Request log"
        description="The last API requests to this app, written every few seconds and kept for a bounded time. Request bodies and credentials are never recorded."
      />

      <div className="flex flex-wrap items-end gap-3">
        <TabLinks label="Status class">
          {STATUS_CLASSES.map((s) => (
            <TabLink key={s} href={url({ status: s })} current={view.status === s}>
              {STATUS_LABELS[s]}
            </TabLink>
          ))}
        </TabLinks>
        <div>
          <label htmlFor="requests-route" className="block text-xs font-medium text-stone-600">
            Route
          </label>
          <select id="requests-route" value={view.route} onChange={(e) => router.push(url({ route: e.target.value }))} className={`mt-1 w-80 max-w-full ${inputClasses}`}>
            <option value="">All routes</option>
            {(log.data?.routes ?? (view.route ? [view.route] : [])).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="requests-key" className="block text-xs font-medium text-stone-600">
            Credential
          </label>
          <select id="requests-key" value={view.key} onChange={(e) => router.push(url({ key: e.target.value }))} className={`mt-1 w-56 ${inputClasses}`}>
            <option value="">All credentials</option>
            {(log.data?.keys ?? []).map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <PagedList
        query={log}
        loading="Loading requests"
        rows={6}
        errorTitle="Could not load the request log"
        empty={
          <EmptyState
            icon={<ListIcon className="size-5" />}
            title={filtered ? 'No request matches these filters' : 'No requests yet'}
            body="Requests appear here a few seconds after your app makes them."
          />
        }
        pagesLabel="Request log pages"
        href={(page) => withQuery(base, { ...view, page }, defaults)}
      >
        {(items) => (
          <DataTable columns={['Time', 'Request', 'Status', { label: 'Latency', align: 'right' }, 'Credential']}>
            {items.map((r) => (
              <tr key={r.id}>
                <td className={`${tdClasses} whitespace-nowrap text-stone-600`}>
                  <Timestamp iso={r.at} />
                </td>
                <td className={tdClasses}>
                  <span className="mr-2 font-mono text-xs font-semibold text-stone-700">{r.method}</span>
                  {/* Routes and ids break anywhere, so the table fits at 1024 wide instead of hiding its last columns. */}
                  <code className="font-mono text-[13px] text-stone-800 [overflow-wrap:anywhere]">{r.route}</code>
                  <span className="mt-0.5 block font-mono text-xs text-stone-500 [overflow-wrap:anywhere]" title="x-request-id">
                    {r.requestId}
                  </span>
                </td>
                <td className={tdClasses}>
                  <Badge tone={statusTone(r.status)}>{r.status}</Badge>
                </td>
                <td className={`${tdClasses} text-right tabular-nums`}>{formatMs(r.latencyMs)}</td>
                <td className={`${tdClasses} text-stone-700`}>{r.credential.label}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </PagedList>
    </section>
  );
}

'use client';
// An app's last API requests, newest first: time, method, route template, status, latency and credential, filtered
// by status class, route and credential. Bodies and secrets are never stored, so none can show here.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { STATUS_CLASSES, type StatusClass } from '@/contracts/console-usage';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Badge, type BadgeTone } from '../ui/badge';
import { inputClasses } from '../ui/field';
import { ListIcon } from '../ui/icons';
import { Pagination } from '../ui/pagination';
import { withQuery } from '../ui/query-string';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { tableClasses, tableFrame, tdClasses, Th, theadClasses } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';
import { formatMs } from './usage-format';
import { requestLogInputOf, type RequestLogView } from './usage-query';

const STATUS_LABELS: Record<StatusClass, string> = { all: 'All', '2xx': '2xx', '3xx': '3xx', '4xx': '4xx', '5xx': '5xx' };
const tab =
  'rounded-md px-3 py-1.5 text-sm font-medium text-stone-600 hover:text-stone-900 aria-[current=page]:bg-white aria-[current=page]:text-stone-900 aria-[current=page]:shadow-xs';

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
      <div>
        <h2 id="requests-heading" className="text-lg font-semibold text-stone-900">
          Request log
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-stone-600">
          The last API requests to this app, written every few seconds and kept for a bounded time. Request bodies and credentials are never recorded.
        </p>
      </div>

      <div className="flex flex-wrap items-end gap-3">
        <nav aria-label="Status class" className="flex flex-wrap rounded-lg bg-stone-100 p-1">
          {STATUS_CLASSES.map((s) => (
            <Link key={s} href={url({ status: s })} aria-current={view.status === s ? 'page' : undefined} className={tab}>
              {STATUS_LABELS[s]}
            </Link>
          ))}
        </nav>
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

      {log.isPending ? <SkeletonRows rows={6} label="Loading requests" /> : null}
      {log.isError ? <ErrorState title="Could not load the request log" message={errorMessage(log.error)} onRetry={() => void log.refetch()} /> : null}
      {log.data && log.data.total === 0 ? (
        <EmptyState
          icon={<ListIcon className="size-5" />}
          title={filtered ? 'No request matches these filters' : 'No requests yet'}
          body="Requests appear here a few seconds after your app makes them."
        />
      ) : null}
      {log.data && log.data.items.length > 0 ? (
        <div className={tableFrame}>
          <table className={tableClasses}>
            <thead className={theadClasses}>
              <tr>
                <Th>Time</Th>
                <Th>Request</Th>
                <Th>Status</Th>
                <Th align="right">Latency</Th>
                <Th>Credential</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {log.data.items.map((r) => (
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
            </tbody>
          </table>
        </div>
      ) : null}
      {log.data ? (
        <Pagination
          label="Request log pages"
          page={log.data.page}
          pages={log.data.pages}
          total={log.data.total}
          size={log.data.size}
          href={(page) => withQuery(base, { ...view, page }, defaults)}
        />
      ) : null}
    </section>
  );
}

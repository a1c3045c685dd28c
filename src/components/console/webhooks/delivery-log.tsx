'use client';
// The delivery log table: event, endpoint, status, HTTP response code, attempts, times, and the last error in full.
import type { RouterOutputs } from '@/trpc/types';
import { Badge, type BadgeTone } from '../ui/badge';
import { Pagination } from '../ui/pagination';
import { DataTable } from '../ui/data-table';
import { tdClasses } from '../ui/table';
import { Timestamp } from '../ui/timestamp';

type DeliveryPage = RouterOutputs['webhooks']['deliveries'];
type Delivery = DeliveryPage['items'][number];

const TONES: Record<Delivery['status'], BadgeTone> = { pending: 'neutral', delivered: 'success', failed: 'danger', disabled: 'warning' };

export function DeliveryLog({ page, href }: { page: DeliveryPage; href: (page: number) => string }) {
  if (page.total === 0) return <p className="text-sm text-stone-500">No deliveries yet. Send a test event to see one here.</p>;
  return (
    <>
      <DataTable
        caption="Webhook deliveries, newest first"
        frameClassName="-mx-5 overflow-x-auto"
        columns={['Event', 'Endpoint', 'Status', { label: 'Response', align: 'right' }, { label: 'Attempts', align: 'right' }, 'Recorded']}
      >
        {page.items.map((d) => (
          <tr key={d.id} className="align-top text-stone-700">
            <td className={`${tdClasses} font-mono text-[13px]`}>{d.eventType}</td>
            <td className={`${tdClasses} max-w-72`}>
              <span className="break-all font-mono text-xs">{d.url}</span>
              {d.endpointDeleted ? <span className="ml-1 text-xs text-stone-500">(deleted)</span> : null}
              {d.lastError ? <p className="mt-1 whitespace-pre-wrap break-words text-xs text-red-700">{d.lastError}</p> : null}
            </td>
            <td className={tdClasses}>
              <Badge tone={TONES[d.status]}>{d.status}</Badge>
            </td>
            <td className={`${tdClasses} text-right tabular-nums`}>{d.responseStatus ?? '—'}</td>
            <td className={`${tdClasses} text-right tabular-nums`}>{d.attempts}</td>
            <td className={`${tdClasses} whitespace-nowrap text-stone-500`}>
              <Timestamp iso={d.createdAt} relative />
              {d.deliveredAt ? (
                <span className="block text-xs">
                  delivered <Timestamp iso={d.deliveredAt} relative />
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination label="Delivery pages" page={page.page} pages={page.pages} total={page.total} size={page.size} href={href} />
    </>
  );
}

// The queue page's list state from its URL (`?status=&kind=&page=`), shared by server prefetch and the client screen.
// `kind` is one work kind, or a whole category: no kind is the reasoning work the queue counts, `housekeeping` the
// work it does not count, `all` everything.
import { CONSOLE_PAGE_SIZE } from '@/contracts/console-data';
import { QUEUE_KINDS, QUEUE_STATUSES, type QueueStatusFilter } from '@/contracts/console-memory';
import { pageParam } from '../ui/query-string';

export type QueueKindFilter = (typeof QUEUE_KINDS)[number] | 'housekeeping' | 'all';
export type QueueView = { status: QueueStatusFilter | null; kind: QueueKindFilter | null; page: number };

const KIND_FILTERS: readonly QueueKindFilter[] = [...QUEUE_KINDS, 'housekeeping', 'all'];

function oneOf<T extends string>(values: readonly T[], value: string | string[] | undefined): T | null {
  const text = Array.isArray(value) ? value[0] : value;
  return (values as readonly string[]).includes(text ?? '') ? (text as T) : null;
}

export function queueViewOf(query: Record<string, string | string[] | undefined>): QueueView {
  return { status: oneOf(QUEUE_STATUSES, query.status), kind: oneOf(KIND_FILTERS, query.kind), page: pageParam(query.page) };
}

export function queueInput(app: string, view: QueueView) {
  const category = view.kind === 'housekeeping' || view.kind === 'all' ? view.kind : undefined;
  const kind = view.kind && !category ? (view.kind as (typeof QUEUE_KINDS)[number]) : undefined;
  return { app, status: view.status ?? undefined, kind, category, page: view.page, size: CONSOLE_PAGE_SIZE };
}

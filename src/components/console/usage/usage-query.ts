// The usage pages' state from their URLs — Usage: `?days=`; Request log: `?status=&route=&key=&page=` — shared by
// the server prefetch and the client screens.
import { STATUS_CLASSES, USAGE_WINDOWS, type StatusClass } from '@/contracts/console-usage';
import { pageParam, textParam } from '../ui/query-string';

type Query = Record<string, string | string[] | undefined>;
export type UsageWindow = (typeof USAGE_WINDOWS)[number];

export function usageDaysOf(query: Query): UsageWindow {
  const n = Number(textParam(query.days));
  return (USAGE_WINDOWS as readonly number[]).includes(n) ? (n as UsageWindow) : 30;
}

export type RequestLogView = { status: StatusClass; route: string; key: string; page: number };

export function requestLogViewOf(query: Query): RequestLogView {
  const status = textParam(query.status);
  return {
    status: (STATUS_CLASSES as readonly string[]).includes(status) ? (status as StatusClass) : 'all',
    route: textParam(query.route).slice(0, 300),
    key: textParam(query.key).slice(0, 200),
    page: pageParam(query.page),
  };
}

export function requestLogInputOf(app: string, view: RequestLogView) {
  return { app, status: view.status, route: view.route || undefined, key: view.key || undefined, page: view.page };
}

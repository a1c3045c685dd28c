// The search page's query input from its URL (shared by server prefetch and the client screen).
import type { SearchKind } from '@/contracts/console-data';
import { MESSAGES_PAGE_SIZE } from '../sessions/sessions-query';

export type SearchView = { q: string; kind: SearchKind; peer: string; session: string; page: number };

export const SEARCH_PAGE_SIZE = 20;

export function kindParam(value: string | string[] | undefined): SearchKind {
  return (Array.isArray(value) ? value[0] : value) === 'conclusions' ? 'conclusions' : 'messages';
}

export function searchRunInput(app: string, view: SearchView) {
  return {
    app,
    q: view.q,
    kind: view.kind,
    peer: view.peer || undefined,
    session: view.session || undefined,
    limit: SEARCH_PAGE_SIZE,
    page: view.page,
    messagesPerPage: MESSAGES_PAGE_SIZE,
  };
}

// The search page's query input from its URL (shared by server prefetch and the client screen).
import type { SearchKind } from '@/contracts/console-data';

export type SearchView = { q: string; kind: SearchKind; peer: string; session: string };

export function kindParam(value: string | string[] | undefined): SearchKind {
  return (Array.isArray(value) ? value[0] : value) === 'conclusions' ? 'conclusions' : 'messages';
}

export function searchRunInput(app: string, view: SearchView) {
  return { app, q: view.q, kind: view.kind, peer: view.peer || undefined, session: view.session || undefined, limit: 20 };
}

// The users list's query input from its URL, shared by the page's server prefetch and the client screen so both use
// the same query key.
import { CONSOLE_PAGE_SIZE } from '@/contracts/console-data';

export type UsersView = { q: string; page: number };

export function usersInput(app: string, view: UsersView) {
  return { app, q: view.q || undefined, page: view.page, size: CONSOLE_PAGE_SIZE };
}

export function peerSessionsInput(app: string, peer: string, page: number) {
  return { app, peer, page, size: CONSOLE_PAGE_SIZE };
}

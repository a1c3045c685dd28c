// The sessions pages' query inputs from their URLs, shared by server prefetch and client screens (same query keys).
import { CONSOLE_PAGE_SIZE, SESSION_STATES, type SessionStateFilter } from '@/contracts/console-data';

export type SessionsView = { q: string; peer: string; state: SessionStateFilter; page: number };
export type MessageOrder = 'oldest' | 'newest';
export type SessionView = { order: MessageOrder; page: number };

export const MESSAGES_PAGE_SIZE = 50;

export function stateParam(value: string | string[] | undefined): SessionStateFilter {
  const text = Array.isArray(value) ? value[0] : value;
  return (SESSION_STATES as readonly string[]).includes(text ?? '') ? (text as SessionStateFilter) : 'all';
}

export function orderParam(value: string | string[] | undefined): MessageOrder {
  return (Array.isArray(value) ? value[0] : value) === 'newest' ? 'newest' : 'oldest';
}

export function sessionsInput(app: string, view: SessionsView) {
  return { app, q: view.q || undefined, peer: view.peer || undefined, state: view.state, page: view.page, size: CONSOLE_PAGE_SIZE };
}

export function messagesInput(app: string, session: string, view: SessionView) {
  return { app, session, order: view.order, page: view.page, size: MESSAGES_PAGE_SIZE };
}

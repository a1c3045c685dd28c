// Links that land on one item of a paged list: the page that shows it, the item named in the query string (so it is
// scrolled to and highlighted, also after client-side navigation) and as a #fragment for a plain page load.
import { withQuery } from '../ui/query-string';
import { appHref, sessionHref } from './app-paths';

/** The session page at the message: its oldest-first timeline page, scrolled to it and highlighted (`?message=`). */
export function messageHref(app: string, message: { session: string; id: string; page: number }): string {
  return `${withQuery(sessionHref(app, message.session), { page: message.page, message: message.id }, { page: 1 })}#message-${message.id}`;
}

/** The facts list filtered to a fact's holder, subject and level, at the page that shows it, highlighted (`?fact=`). */
export function factHref(app: string, fact: { id: string; observer: string; observed: string; level: string }, page: number): string {
  return `${withQuery(appHref(app, 'facts'), { observer: fact.observer, observed: fact.observed, level: fact.level, page, fact: fact.id }, { page: 1 })}#fact-${fact.id}`;
}

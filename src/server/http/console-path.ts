// The console path a request asked for (with its query), recorded by the proxy in this request header so server
// components can send a signed-out visitor to sign-in and back (Next gives layouts no pathname). The proxy overwrites
// any value a client sent.
export const CONSOLE_PATH_HEADER = 'x-rapport-console-path';

/** Pathname and query of a console URL, without Next's internal `_rsc` cache-busting parameter. */
export function consolePathOf(url: URL): string {
  const search = new URLSearchParams(url.search);
  search.delete('_rsc');
  const query = search.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}

// Where a signed-out visitor goes and comes back to: the sign-in page carries the console path they asked for as
// `callbackUrl`, and only console paths are followed after sign-in (anything else could be an open redirect).
// Plain functions, usable from server components and the client form alike.

export const SIGN_IN_PATH = '/console/sign-in';

/** A same-origin console path, or `/console` for anything else (absolute URLs, `//host`, other paths). */
export function safeCallback(url: string | null | undefined): string {
  if (!url || url.startsWith('//') || url.includes('\\')) return '/console';
  return /^\/console(?:[/?#]|$)/.test(url) ? url : '/console';
}

/** The sign-in page, remembering `path` (a console path with its query) when it is worth returning to. */
export function signInUrlFor(path: string | null | undefined): string {
  const target = safeCallback(path);
  if (target === '/console' || target.startsWith(SIGN_IN_PATH)) return SIGN_IN_PATH;
  return `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(target)}`;
}

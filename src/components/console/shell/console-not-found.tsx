'use client';
// The console's not-found, inside the shell: names what was not found from the address (an app, a user, a session
// or a page) and links to the nearest list that does exist.
import { usePathname } from 'next/navigation';
import { NotFoundState } from '../ui/not-found-state';

type Missing = { title: string; body: string; back: string; backLabel: string };

/** What a console path names, and where to go instead. Exported for tests of the wording. */
export function describeMissing(pathname: string): Missing {
  const parts = pathname.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  const [, section, app, kind, id] = parts; // console / apps / {app} / {kind} / {id}
  if (section !== 'apps' || !app) return { title: 'Page not found', body: `There is no console page at ${pathname}.`, back: '/console', backLabel: 'Back to your apps' };
  const appBase = `/console/apps/${encodeURIComponent(app)}`;
  if (!kind) return { title: 'App not found', body: `There is no app “${app}” in your organizations.`, back: '/console', backLabel: 'Back to your apps' };
  if (kind === 'users' && id) return { title: 'User not found', body: `App ${app} has no user “${id}”. It may have been deleted.`, back: `${appBase}/users`, backLabel: 'Back to users' };
  if (kind === 'sessions' && id) return { title: 'Session not found', body: `App ${app} has no session “${id}”. It may have been deleted.`, back: `${appBase}/sessions`, backLabel: 'Back to sessions' };
  return { title: 'Page not found', body: `App ${app} has no page at ${pathname}.`, back: appBase, backLabel: 'Back to the app overview' };
}

export function ConsoleNotFound({ appMissing = false }: { appMissing?: boolean }) {
  const pathname = usePathname() ?? '/console';
  // Above the app layout, an app path means the app itself is unknown, whatever deeper page was asked for.
  const missing = describeMissing(appMissing && /^\/console\/apps\/[^/]+/.test(pathname) ? pathname.split('/').slice(0, 4).join('/') : pathname);
  return (
    <div data-testid="console-not-found" className="py-6">
      <NotFoundState title={missing.title} body={missing.body} backHref={missing.back} backLabel={missing.backLabel} />
    </div>
  );
}

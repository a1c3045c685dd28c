// What the command palette offers for a typed text: the current app's pages, every app, and the current app's users
// and sessions whose id contains the text (those come from the server's lists). Pages and apps match every word of
// the text in any order ("que" finds Queue, "prod key" finds the API keys of app prod).
import { APP_SECTIONS, appHref, peerHref, sessionHref } from './app-paths';

export type PaletteGroup = 'Pages' | 'Apps' | 'Users' | 'Sessions';
export type PaletteItem = { key: string; group: PaletteGroup; label: string; hint: string; href: string };

type Inputs = {
  text: string;
  currentApp: string | null;
  apps: { id: string; displayName: string | null }[];
  peers: string[];
  sessions: string[];
};

/**
 * At most this many apps, users and sessions, which grow with the data. Pages are not capped: they are the fixed list
 * of an app's sections, and a cap cut the later ones (Queue, Webhooks…) from the list before anything was typed.
 */
export const PALETTE_GROUP_MAX = 8;

function matches(haystack: string, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const target = haystack.toLowerCase();
  return words.every((w) => target.includes(w));
}

export function paletteItems({ text, currentApp, apps, peers, sessions }: Inputs): PaletteItem[] {
  const pages: PaletteItem[] = [{ key: 'page:/console', group: 'Pages', label: 'All apps', hint: 'Organization', href: '/console' }];
  for (const app of currentApp ? [currentApp] : []) {
    for (const { section, label } of APP_SECTIONS) pages.push({ key: `page:${section}`, group: 'Pages', label, hint: app, href: appHref(app, section) });
  }
  const appItems = apps.map((a) => ({ key: `app:${a.id}`, group: 'Apps' as const, label: a.displayName ?? a.id, hint: a.displayName ? a.id : 'App', href: appHref(a.id) }));
  const people = currentApp ? peers.map((p) => ({ key: `peer:${p}`, group: 'Users' as const, label: p, hint: `User in ${currentApp}`, href: peerHref(currentApp, p) })) : [];
  const chats = currentApp ? sessions.map((s) => ({ key: `session:${s}`, group: 'Sessions' as const, label: s, hint: `Session in ${currentApp}`, href: sessionHref(currentApp, s) })) : [];
  const byText = (item: PaletteItem) => matches(`${item.label} ${item.hint}`, text);
  return [
    ...pages.filter(byText),
    ...appItems.filter(byText).slice(0, PALETTE_GROUP_MAX),
    // The server already filtered users and sessions by "id contains".
    ...people.slice(0, PALETTE_GROUP_MAX),
    ...chats.slice(0, PALETTE_GROUP_MAX),
  ];
}

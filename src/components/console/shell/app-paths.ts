// Console URLs of an app and its sections, and the sidebar's list of sections. A new console page adds its section
// here (and its icon in console-shell's SECTION_ICONS); the sidebar, breadcrumbs and app switcher pick it up.
export type AppSection =
  | 'overview' | 'users' | 'sessions' | 'scopes' | 'facts' | 'search' | 'playground' | 'queue' | 'webhooks' | 'keys' | 'members' | 'settings' | 'audit'
  | 'usage' | 'requests';

export const APP_SECTIONS: { section: AppSection; label: string; crumb: string }[] = [
  { section: 'overview', label: 'Overview', crumb: 'Overview' },
  { section: 'users', label: 'Users', crumb: 'Users' },
  { section: 'sessions', label: 'Sessions', crumb: 'Sessions' },
  { section: 'scopes', label: 'Scopes', crumb: 'Scopes' },
  { section: 'facts', label: 'Facts', crumb: 'Facts' },
  { section: 'search', label: 'Search', crumb: 'Search' },
  { section: 'playground', label: 'Playground', crumb: 'Playground' },
  { section: 'queue', label: 'Queue', crumb: 'Queue' },
  { section: 'webhooks', label: 'Webhooks', crumb: 'Webhooks' },
  { section: 'keys', label: 'API keys', crumb: 'API keys' },
  { section: 'members', label: 'Members', crumb: 'Members' },
  { section: 'settings', label: 'Settings', crumb: 'Settings' },
  { section: 'audit', label: 'Audit log', crumb: 'Audit log' },
  { section: 'usage', label: 'Usage', crumb: 'Usage' },
  { section: 'requests', label: 'Request log', crumb: 'Request log' },
];

const SECTION_PATTERN = /^\/console\/apps\/[^/]+\/([^/]+)(?:\/([^/]+))?/;

export function sectionOf(pathname: string): AppSection {
  const match = SECTION_PATTERN.exec(pathname);
  const found = APP_SECTIONS.find((s) => s.section === match?.[1]);
  return found?.section ?? 'overview';
}

/** The item under a section (`/users/alice` → alice), decoded; null on a section's own page. */
export function itemOf(pathname: string): string | null {
  const item = SECTION_PATTERN.exec(pathname)?.[2];
  if (!item) return null;
  try {
    return decodeURIComponent(item);
  } catch {
    return item;
  }
}

export function appHref(app: string, section: AppSection = 'overview'): string {
  const base = `/console/apps/${encodeURIComponent(app)}`;
  return section === 'overview' ? base : `${base}/${section}`;
}

export function peerHref(app: string, peer: string): string {
  return `${appHref(app, 'users')}/${encodeURIComponent(peer)}`;
}

export function sessionHref(app: string, session: string): string {
  return `${appHref(app, 'sessions')}/${encodeURIComponent(session)}`;
}

export function scopeHref(app: string, scope: string): string {
  return `${appHref(app, 'scopes')}/${encodeURIComponent(scope)}`;
}

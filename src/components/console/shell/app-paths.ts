// Console URLs of an app and its sections.
export type AppSection = 'overview' | 'keys' | 'audit';

export function sectionOf(pathname: string): AppSection {
  if (/\/keys(\/|$)/.test(pathname)) return 'keys';
  if (/\/audit(\/|$)/.test(pathname)) return 'audit';
  return 'overview';
}

export function appHref(app: string, section: AppSection = 'overview'): string {
  const base = `/console/apps/${encodeURIComponent(app)}`;
  return section === 'overview' ? base : `${base}/${section}`;
}

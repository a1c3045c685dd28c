'use client';
// Where am I: Apps › <app> › <section> › <item>.
import Link from 'next/link';
import type { AppSummary } from '@/trpc/types';
import { APP_SECTIONS, appHref, type AppSection } from './app-paths';

type Props = { apps: AppSummary[]; currentApp: string | null; section: AppSection | null; item?: string | null };

export function Breadcrumbs({ apps, currentApp, section, item = null }: Props) {
  const app = currentApp ? apps.find((a) => a.id === currentApp) : undefined;
  const crumbs: { label: string; href?: string }[] = [{ label: 'Apps', href: '/console' }];
  if (currentApp) crumbs.push({ label: app?.displayName ?? currentApp, href: appHref(currentApp) });
  if (currentApp && section && section !== 'overview') {
    const label = APP_SECTIONS.find((s) => s.section === section)?.crumb ?? section;
    crumbs.push({ label, href: appHref(currentApp, section) });
    if (item) crumbs.push({ label: item });
  }
  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex min-w-0 items-center gap-1.5 text-sm">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li key={`${crumb.label}-${index}`} className="flex min-w-0 items-center gap-1.5">
              {index > 0 ? (
                <svg aria-hidden viewBox="0 0 8 16" className="h-4 w-2 shrink-0 text-stone-300" fill="none" stroke="currentColor" strokeWidth={1.5}>
                  <path d="M6.5 2 1.5 14" />
                </svg>
              ) : null}
              {last || !crumb.href ? (
                <span aria-current={last ? 'page' : undefined} title={crumb.label} className="truncate font-medium text-stone-900">
                  {crumb.label}
                </span>
              ) : (
                <Link href={crumb.href} title={crumb.label} className="truncate text-stone-500 hover:text-stone-900">
                  {crumb.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

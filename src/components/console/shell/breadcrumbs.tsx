'use client';
// Where am I: Apps › <app> › <section>.
import Link from 'next/link';
import type { AppSummary } from '@/trpc/types';
import { appHref, type AppSection } from './app-paths';

const SECTION_LABELS: Record<AppSection, string> = { overview: 'Overview', keys: 'API keys', audit: 'Audit log' };

export function Breadcrumbs({ apps, currentApp, section }: { apps: AppSummary[]; currentApp: string | null; section: AppSection | null }) {
  const app = currentApp ? apps.find((a) => a.id === currentApp) : undefined;
  const crumbs: { label: string; href?: string }[] = [{ label: 'Apps', href: '/console' }];
  if (currentApp) crumbs.push({ label: app?.displayName ?? currentApp, href: appHref(currentApp) });
  if (currentApp && section && section !== 'overview') crumbs.push({ label: SECTION_LABELS[section] });
  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex min-w-0 items-center gap-1.5 text-sm">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li key={`${crumb.label}-${index}`} className="flex min-w-0 items-center gap-1.5">
              {index > 0 ? <span aria-hidden className="text-stone-300">/</span> : null}
              {last || !crumb.href ? (
                <span aria-current={last ? 'page' : undefined} className="truncate font-medium text-stone-900">
                  {crumb.label}
                </span>
              ) : (
                <Link href={crumb.href} className="truncate text-stone-500 hover:text-stone-900">
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

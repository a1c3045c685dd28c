'use client';
// The signed-in console's frame: a sidebar with the current app, its sections and the app switcher; a header with
// breadcrumbs, the command palette (⌘K) and the account menu; the API-auth banner (rendered by the server) above the page.
import Link from 'next/link';
import { useParams, usePathname } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '@/trpc/react';
import type { SVGProps } from 'react';
import { ThemeToggle } from '../theme/theme-toggle';
import { AppsIcon, BookIcon, BulbIcon, ChartIcon, ChatIcon, HomeIcon, KeyIcon, LayersIcon, ListIcon, QueueIcon, SearchIcon, SettingsIcon, SparkIcon, UsersIcon, WebhookIcon } from '../ui/icons';
import { AccountMenu } from './account-menu';
import { AppSwitcher } from './app-switcher';
import { APP_SECTIONS, appHref, itemOf, sectionOf, type AppSection } from './app-paths';
import { Breadcrumbs } from './breadcrumbs';
import { CommandPalette } from './command-palette';

const SECTION_ICONS: Record<AppSection, (p: SVGProps<SVGSVGElement>) => ReactNode> = {
  overview: HomeIcon,
  users: UsersIcon,
  sessions: ChatIcon,
  scopes: LayersIcon,
  facts: BulbIcon,
  search: SearchIcon,
  playground: SparkIcon,
  queue: QueueIcon,
  webhooks: WebhookIcon,
  keys: KeyIcon,
  members: UsersIcon,
  settings: SettingsIcon,
  audit: ListIcon,
  usage: ChartIcon,
  requests: ListIcon,
};

const navLink =
  'flex items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm font-medium text-stone-600 hover:bg-stone-100 hover:text-stone-900 aria-[current=page]:bg-accent-50 aria-[current=page]:text-accent-800';

export function ConsoleShell({ banner, children }: { banner?: ReactNode; children: ReactNode }) {
  const trpc = useTRPC();
  const params = useParams<{ app?: string }>();
  const pathname = usePathname();
  const currentApp = params.app ? decodeURIComponent(params.app) : null;
  const apps = useQuery(trpc.apps.list.queryOptions());
  const section = sectionOf(pathname);

  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <a href="#console-main" className="sr-only focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <aside aria-label="Sidebar" className="shrink-0 border-b border-stone-200 bg-white md:w-64 md:border-b-0 md:border-r">
        <div className="flex flex-col md:sticky md:top-0 md:h-dvh">
        <div className="flex h-14 items-center px-4">
          <Link href="/console" className="rounded-md">
            <ConsoleWordmark />
          </Link>
          <span className="ml-2 rounded-md bg-stone-100 px-1.5 py-0.5 text-[11px] font-medium uppercase tracking-wide text-stone-600">Console</span>
        </div>
        <div className="px-3 pb-3">
          <AppSwitcher apps={apps.data ?? []} loading={apps.isPending} currentApp={currentApp} section={section} />
        </div>
        <nav aria-label="Console" className="flex-1 space-y-4 overflow-y-auto px-3 pb-4">
          {currentApp ? (
            <div>
              <p className="px-2.5 pb-1 text-xs font-medium uppercase tracking-wide text-stone-500">This app</p>
              <ul className="space-y-0.5">
                {APP_SECTIONS.map(({ section: entry, label }) => {
                  const Icon = SECTION_ICONS[entry];
                  return (
                    <li key={entry}>
                      <Link href={appHref(currentApp, entry)} aria-current={section === entry ? 'page' : undefined} className={navLink}>
                        <Icon /> {label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          <div>
            <p className="px-2.5 pb-1 text-xs font-medium uppercase tracking-wide text-stone-500">Organization</p>
            <ul className="space-y-0.5">
              <li>
                <Link href="/console" aria-current={pathname === '/console' ? 'page' : undefined} className={navLink}>
                  <AppsIcon /> All apps
                </Link>
              </li>
              <li>
                <a href="/docs" className={navLink}>
                  <BookIcon /> API reference
                </a>
              </li>
            </ul>
          </div>
        </nav>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-20 flex h-14 items-center justify-between gap-4 border-b border-stone-200 bg-stone-50/90 px-5 backdrop-blur md:px-8">
          <Breadcrumbs apps={apps.data ?? []} currentApp={currentApp} section={currentApp ? section : null} item={currentApp ? itemOf(pathname) : null} />
          <div className="flex shrink-0 items-center gap-1">
            <CommandPalette currentApp={currentApp} apps={apps.data ?? []} />
            <ThemeToggle />
            <AccountMenu />
          </div>
        </header>
        {banner}
        <main id="console-main" tabIndex={-1} className="flex-1 px-5 py-8 focus:outline-none md:px-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}

/** The site's wordmark with a darker mark, so its letter meets text contrast on every console page. */
function ConsoleWordmark() {
  return (
    <span className="flex items-center gap-2 font-semibold tracking-tight text-stone-900">
      <span aria-hidden className="grid size-7 place-items-center rounded-lg bg-accent-700 text-sm font-bold text-white shadow-sm">
        R
      </span>
      Rapport
    </span>
  );
}

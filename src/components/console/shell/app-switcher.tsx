'use client';
// The current app, and a list to switch to another one (keeping the section: keys stay keys) or create one.
import Link from 'next/link';
import type { AppSummary } from '@/trpc/types';
import { ChevronIcon, CheckIcon, PlusIcon } from '../ui/icons';
import { Popover, popoverItemClasses } from '../ui/popover';
import { appHref, type AppSection } from './app-paths';

type Props = { apps: AppSummary[]; loading: boolean; currentApp: string | null; section: AppSection };

export function AppSwitcher({ apps, loading, currentApp, section }: Props) {
  const current = apps.find((a) => a.id === currentApp);
  return (
    <Popover
      buttonClassName="flex w-full items-center gap-2.5 rounded-lg border border-stone-200 bg-stone-50 px-2.5 py-2 text-left hover:border-stone-300 hover:bg-white"
      panelClassName="w-full"
      button={() => (
        <>
          <span aria-hidden className="grid size-7 shrink-0 place-items-center rounded-md bg-stone-900 text-xs font-semibold text-white">
            {(current?.displayName ?? currentApp ?? '?').slice(0, 1).toUpperCase()}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium text-stone-900">
              {currentApp ? (current?.displayName ?? currentApp) : 'Choose an app'}
            </span>
            <span className="block truncate font-mono text-xs text-stone-500">{currentApp ?? `${apps.length} app${apps.length === 1 ? '' : 's'}`}</span>
          </span>
          {currentApp ? <span className="sr-only">. Switch app</span> : null}
          <ChevronIcon className="size-4 text-stone-400" />
        </>
      )}
    >
      {(close) => (
        <div>
          <p className="px-2.5 pb-1 pt-1.5 text-xs font-medium uppercase tracking-wide text-stone-500">Apps</p>
          {loading ? <p className="px-2.5 py-2 text-sm text-stone-500">Loading…</p> : null}
          {!loading && apps.length === 0 ? <p className="px-2.5 py-2 text-sm text-stone-500">No apps yet</p> : null}
          <ul className="max-h-72 overflow-y-auto">
            {apps.map((app) => (
              <li key={app.id}>
                <Link href={appHref(app.id, section)} onClick={close} className={popoverItemClasses} aria-current={app.id === currentApp ? 'true' : undefined}>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate">{app.displayName ?? app.id}</span>
                    {app.displayName ? <span className="block truncate font-mono text-xs text-stone-500">{app.id}</span> : null}
                  </span>
                  {app.id === currentApp ? <CheckIcon className="size-4 text-accent-600" /> : null}
                </Link>
              </li>
            ))}
          </ul>
          <div className="mt-1 border-t border-stone-100 pt-1">
            <Link href="/console?new=1" onClick={close} className={popoverItemClasses}>
              <PlusIcon /> New app
            </Link>
          </div>
        </div>
      )}
    </Popover>
  );
}
